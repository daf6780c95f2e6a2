from fieldwork.tests.test_browser import browser  # noqa: F401 (the headless Chromium fixture)
