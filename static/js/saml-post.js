// The local test identity provider hands its signed answer to the portal by a form post, as
// NemLog-in does; without script the visitor presses the button.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("saml-post");
  if (form) {
    form.submit();
  }
});
