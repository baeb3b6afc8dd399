// Passkeys: the browser's WebAuthn API between Hearth's options and its verification. Only on pages
// that offer passkeys; without JavaScript or WebAuthn those parts stay hidden and passwords still work.
(function () {
  "use strict";
  var supported = window.PublicKeyCredential &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";
  if (!supported) { return; }

  document.querySelectorAll("[data-passkey-register]").forEach(function (part) { part.hidden = false; });
  document.querySelectorAll("[data-passkey-unsupported]").forEach(function (part) { part.hidden = true; });

  document.querySelectorAll("form[data-passkey-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var credentialField = form.querySelector("[data-passkey-credential]");
      if (credentialField.value) { return; }
      event.preventDefault();
      var token = form.querySelector("input[name='__antiforgery']").value;
      fetch(form.dataset.optionsUrl, { method: "POST", credentials: "same-origin", headers: { "RequestVerificationToken": token } })
        .then(function (response) {
          if (!response.ok) { throw new Error("options " + response.status); }
          return response.json();
        })
        .then(function (options) {
          return form.dataset.mode === "create"
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        })
        .then(function (credential) {
          credentialField.value = JSON.stringify(credential);
          form.submit();
        })
        .catch(function (error) {
          // Cancelling is a choice, not an error; anything else is reported by the server's answer.
          if (error && error.name === "AbortError") { return; }
          credentialField.value = "";
          form.submit();
        });
    });
  });
})();
