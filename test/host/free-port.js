/* global require, module */
// A free TCP port on loopback, for every server the tests and the demo start: the system picks it
// (listen on port 0), so two runs, or a user's own server on 3000, never collide.
'use strict';

const net = require('node:net');

/** @returns {Promise<number>} a port on 127.0.0.1 that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

module.exports = { freePort };
