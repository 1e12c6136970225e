// The new-letter form says, as the author types the amount or picks the currency, whether
// the letter will go to legal review. The server decides (GET /letters/legal-review), so the
// rule lives in one place; without this script the same sentence comes after "Create draft".
(function () {
  "use strict";
  var form = document.querySelector("form[data-legal-review]");
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var amount = form.querySelector("[name=amount]");
  var currency = form.querySelector("[name=currency]");
  var note = document.getElementById("legal-note");
  var timer = null;

  function ask() {
    var query = new URLSearchParams({ amount: amount.value, currency: currency.value });
    fetch(form.getAttribute("data-legal-review") + "?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : { note: "" };
      })
      .then(function (answer) {
        note.textContent = answer.note;
      })
      .catch(function () {
        note.textContent = "";
      });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 250);
  }

  amount.addEventListener("input", soon);
  currency.addEventListener("change", ask);
})();
