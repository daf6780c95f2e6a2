/* Drivkraft coding workspace: selection → exact character offsets, mechanism filter, confirmations.
 *
 * The server renders each section's text as segments (<span class="seg"> / <mark class="seg">) that
 * carry their offsets in the stored text (Python code points). A selection point maps to
 * segment start + the number of code points before it inside the segment, so the offsets match
 * text[start:end] on the server even with characters outside the BMP. A segment holding a CRLF
 * is one character in the page but two in the stored text; the data-end tells the difference.
 */
(function () {
  "use strict";

  function codePoints(text) {
    return Array.from(text);
  }

  function segmentOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest(".seg") : null;
  }

  function containerOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest(".section-text") : null;
  }

  function segmentLength(segment) {
    return Number(segment.dataset.end) - Number(segment.dataset.start);
  }

  /* Offset in the stored text of a DOM point (node, offset) inside a section container. */
  function pointOffset(container, node, offset) {
    var segment = segmentOf(node);
    if (!segment || !container.contains(segment)) {
      var segments = container.querySelectorAll(".seg");
      if (!segments.length) {
        return 0;
      }
      if (node === container) {
        if (offset < segments.length) {
          return Number(segments[offset].dataset.start);
        }
        return Number(segments[segments.length - 1].dataset.end);
      }
      return Number(segments[0].dataset.start);
    }
    var range = document.createRange();
    range.selectNodeContents(segment);
    range.setEnd(node, offset);
    var inside = codePoints(range.toString()).length;
    var length = segmentLength(segment);
    if (codePoints(segment.textContent).length !== length && inside > 0) {
      inside = length; /* a CRLF segment: any point after its start lies after both characters */
    }
    return Number(segment.dataset.start) + Math.min(inside, length);
  }

  /* The stored text of a section, rebuilt from its segments (CRLF restored). */
  function sourceText(container) {
    var parts = [];
    container.querySelectorAll(".seg").forEach(function (segment) {
      var text = segment.textContent;
      parts.push(codePoints(text).length === segmentLength(segment) ? text : "\r\n");
    });
    return codePoints(parts.join(""));
  }

  function currentSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    var startContainer = containerOf(range.startContainer);
    var endContainer = containerOf(range.endContainer);
    if (!startContainer && !endContainer) {
      return null;
    }
    if (startContainer !== endContainer) {
      return { error: true };
    }
    var start = pointOffset(startContainer, range.startContainer, range.startOffset);
    var end = pointOffset(startContainer, range.endContainer, range.endOffset);
    var text = sourceText(startContainer);
    while (start < end && /\s/.test(text[start])) {
      start += 1;
    }
    while (end > start && /\s/.test(text[end - 1])) {
      end -= 1;
    }
    if (end <= start) {
      return null;
    }
    return {
      section: startContainer.dataset.section,
      start: start,
      end: end,
      text: text.slice(start, end).join(""),
    };
  }

  function fillForm(form, status, chosen) {
    if (!chosen) {
      return;
    }
    if (chosen.error) {
      status.textContent = status.dataset.crossMessage;
      return;
    }
    form.querySelector("[name=section]").value = chosen.section;
    form.querySelector("[name=start]").value = chosen.start;
    form.querySelector("[name=end]").value = chosen.end;
    form.querySelector("[name=text]").value = chosen.text;
    status.textContent = status.dataset.chosenMessage
      .replace("%(start)s", chosen.start)
      .replace("%(end)s", chosen.end);
  }

  var KEYS = {
    ArrowLeft: ["backward", "character"],
    ArrowRight: ["forward", "character"],
    ArrowUp: ["backward", "line"],
    ArrowDown: ["forward", "line"],
    Home: ["backward", "lineboundary"],
    End: ["forward", "lineboundary"],
  };

  /* Keyboard selection inside a focused section: Shift extends, Ctrl by word, Alt by sentence. */
  function onSectionKey(event, form) {
    var container = event.currentTarget;
    var selection = window.getSelection();
    if (event.key === "Enter") {
      if (!selection.isCollapsed) {
        event.preventDefault();
        var driver = form.querySelector("[name=driver]");
        if (driver) {
          driver.focus();
        }
      }
      return;
    }
    if (event.key === "Escape") {
      selection.collapseToStart();
      return;
    }
    var move = KEYS[event.key];
    if (!move || typeof selection.modify !== "function") {
      return;
    }
    event.preventDefault();
    if (selection.rangeCount === 0 || !container.contains(selection.anchorNode)) {
      var first = container.querySelector(".seg");
      selection.collapse(first ? first.firstChild || first : container, 0);
    }
    var granularity = move[1];
    if (granularity === "character" && event.ctrlKey) {
      granularity = "word";
    } else if (granularity === "character" && event.altKey) {
      granularity = "sentence";
    }
    selection.modify(event.shiftKey ? "extend" : "move", move[0], granularity);
  }

  function placeCaret(event) {
    var container = event.currentTarget;
    var selection = window.getSelection();
    if (selection.rangeCount && container.contains(selection.anchorNode)) {
      return;
    }
    var first = container.querySelector(".seg");
    if (first) {
      selection.collapse(first.firstChild || first, 0);
    }
  }

  function setUpSelection() {
    var form = document.getElementById("passage-form");
    var status = document.getElementById("selection-status");
    if (!form || !status || !form.querySelector("[name=start]")) {
      return;
    }
    document.querySelectorAll(".section-text").forEach(function (container) {
      container.addEventListener("keydown", function (event) {
        onSectionKey(event, form);
      });
      container.addEventListener("focus", placeCaret);
    });
    document.addEventListener("selectionchange", function () {
      fillForm(form, status, currentSelection());
    });
  }

  /* Mechanisms follow the driver: other drivers' mechanisms are hidden; picking a mechanism
   * without a driver sets its driver. */
  function setUpMechanismFilter() {
    document.querySelectorAll("select[data-filter-by]").forEach(function (mechanism) {
      var form = mechanism.form;
      var driver = form && form.querySelector("[name=" + mechanism.dataset.filterBy + "]");
      if (!driver) {
        return;
      }
      function apply() {
        Array.prototype.forEach.call(mechanism.options, function (option) {
          var parent = option.dataset.driver;
          var hidden = Boolean(parent && driver.value && parent !== driver.value);
          option.hidden = hidden;
          option.disabled = hidden;
        });
        var chosen = mechanism.selectedOptions[0];
        if (chosen && chosen.disabled) {
          mechanism.value = "";
        }
      }
      driver.addEventListener("change", apply);
      mechanism.addEventListener("change", function () {
        var chosen = mechanism.selectedOptions[0];
        if (chosen && chosen.dataset.driver && !driver.value) {
          driver.value = chosen.dataset.driver;
          apply();
        }
      });
      apply();
    });
  }

  /* Highlighted text leads to its coded passage in the list below the section. */
  function setUpHighlights() {
    document.querySelectorAll("mark.coded[data-passages]").forEach(function (mark) {
      mark.addEventListener("click", function () {
        var selection = window.getSelection();
        if (selection && !selection.isCollapsed) {
          return;
        }
        var first = mark.dataset.passages.split(" ")[0];
        var target = document.getElementById("passage-" + first);
        if (target) {
          target.scrollIntoView({ block: "nearest" });
          target.classList.add("flash");
          window.setTimeout(function () {
            target.classList.remove("flash");
          }, 1200);
        }
      });
    });
  }

  function setUpConfirmations() {
    document.querySelectorAll("form.js-confirm[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSelection();
    setUpMechanismFilter();
    setUpHighlights();
    setUpConfirmations();
  });
})();
