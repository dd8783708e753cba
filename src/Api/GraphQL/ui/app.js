// Starts GraphiQL against this server (ADR-0009). The pasted bearer token lives in sessionStorage
// (this tab only, gone when it closes) and goes out as Authorization on every request; a new
// token re-creates the fetcher, so GraphiQL reloads the schema with the new rights.
(function () {
  'use strict';
  var endpoint = document.body.dataset.endpoint;
  var form = document.getElementById('auth');
  var input = document.getElementById('token');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  input.value = sessionStorage.getItem('cabinets.graphql.token') || '';

  function fetcherFor(token) {
    return function (params, options) {
      var headers = Object.assign({
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      }, options && options.headers);
      if (token) headers.authorization = 'Bearer ' + token;
      return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) })
        .then(function (response) { return response.json(); });
    };
  }

  function render() {
    var token = input.value.trim().replace(/^Bearer\s+/i, '');
    sessionStorage.setItem('cabinets.graphql.token', token);
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcherFor(token),
      defaultQuery: '{\n  freeDoorCount\n}\n',
    }));
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); render(); });
  render();
})();
