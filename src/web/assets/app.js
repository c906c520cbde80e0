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
})();
