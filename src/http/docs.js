// The interactive API docs (/api/docs): Swagger UI over /api/openapi.json, from this server only (no CDN, no
// online validator badge), so the page works on a LAN install without internet.
/* global SwaggerUIBundle */
window.addEventListener("DOMContentLoaded", () => {
  SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
