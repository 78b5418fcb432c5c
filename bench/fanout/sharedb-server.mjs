// The reference server of the fan-out comparison (issue 28): ShareDB 7 with the rich-text OT type,
// in memory (its default MemoryDB and pub/sub: no durability at all), one WebSocket per client
// carrying ShareDB's JSON messages. Benchmark only, never part of the app.
// usage: node sharedb-server.mjs PORT   (prints "sharedb listening on PORT" when ready)
import http from 'node:http';
import { Duplex } from 'node:stream';
import ShareDB from 'sharedb';
import richText from 'rich-text';
import { WebSocketServer } from 'ws';

ShareDB.types.register(richText.type);

/** A WebSocket as the object stream ShareDB's Backend.listen takes (what @teamwork/websocket-json-stream does). */
class JsonStream extends Duplex {
  constructor(ws) {
    super({ objectMode: true });
    this.ws = ws;
    ws.on('message', (data) => {
      let msg;
      try {
        msg = JSON.parse(data);
      } catch (e) {
        ws.close(1003, 'bad json');
        return;
      }
      this.push(msg);
    });
    ws.on('close', () => {
      this.push(null);
      this.destroy();
    });
  }

  _read() {}

  _write(msg, encoding, done) {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
    done();
  }

  _final(done) {
    this.ws.close();
    done();
  }
}

const port = Number(process.argv[2] || 18191);
const backend = new ShareDB();
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => backend.listen(new JsonStream(ws)));
server.listen(port, '127.0.0.1', () => console.log(`sharedb listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
