// Starts Swagger UI on /docs. It lives in a file because the Content-Security-Policy
// allows no inline script; every asset comes from this server, none from a CDN.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No badge from the online validator: the page must work with no internet.
    validatorUrl: null,
  });
});
