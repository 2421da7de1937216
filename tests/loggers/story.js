// What every Node.js fixture logs (README.md): the fields of its events, and an order whose card
// charge throws two calls deep, so that the error's stack has frames of its own to show.
function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

module.exports = {
  placeOrder,
  started: { port: 8080, config: { region: 'eu-west-1', replicas: 3 } },
  request: { method: 'GET', path: '/orders/42' },
  slow: { duration_ms: 1250 },
};
