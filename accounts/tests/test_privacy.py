from accounts.privacy import CPR_MASK, mask_cpr


def test_masks_both_cpr_shapes():
    result = mask_cpr("Ung født 010203-1234, bror 0102031235.")
    assert result.count == 2
    assert "010203" not in result.text and result.text.count(CPR_MASK) == 2


def test_leaves_numbers_without_a_valid_date():
    result = mask_cpr("Sagsnummer 321399-1234 og telefon 12345678 og år 2019-2020.")
    assert result.count == 0
    assert result.text == "Sagsnummer 321399-1234 og telefon 12345678 og år 2019-2020."
