// The entry form's "Kabul et" (accept) buttons: with script, a button writes the computed
// figure into its row's inputs and leaves saving to "Kaydet"; without script it submits the
// form and the server takes the computed figure for the row (the same outcome, saved at once).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button[data-accept]") : null;
    if (!button) { return; }
    event.preventDefault();
    var code = button.dataset.accept;
    ["value", "num", "den"].forEach(function (name) {
      var input = document.getElementById(name + "-" + code);
      var figure = button.dataset[name];
      if (input && figure !== undefined) { input.value = figure; }
    });
    var status = document.getElementById("accepted-" + code);
    if (status) { status.textContent = status.dataset.text; }
    var value = document.getElementById("value-" + code);
    if (value) { value.focus(); }
  });
})();
