// kluis open: progressive enhancement only. Every page works without this script.
"use strict";
(function () {
  // A live strength hint while a new passphrase is typed; the server checks it again.
  var input = document.getElementById("passphrase");
  var hint = document.getElementById("strength");
  if (input && hint && document.getElementById("create")) {
    var texts = hint.dataset;
    input.addEventListener("input", function () {
      var words = input.value.trim().split(/\s+/).filter(Boolean).length;
      var length = input.value.length;
      var level = length >= 20 || words >= 4 ? "strong" : length >= 12 ? "fair" : "weak";
      hint.textContent = texts[level] || hint.textContent;
    });
  }

  // Copy the statement's HTML in one click. Without the script the button stays hidden and the
  // text box is selected and copied by hand.
  var source = document.getElementById("statement-html");
  var copy = document.getElementById("copy-html");
  var status = document.getElementById("copy-status");
  if (source && copy) {
    copy.hidden = false;
    source.addEventListener("focus", function () { source.select(); });
    copy.addEventListener("click", function () {
      source.focus();
      source.select();
      var done = function () { if (status) { status.textContent = copy.dataset.done; } };
      var byCommand = function () { if (document.execCommand("copy")) { done(); } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.value).then(done, byCommand);
      } else {
        byCommand();
      }
    });
  }
})();
