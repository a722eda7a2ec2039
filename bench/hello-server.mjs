// A bare Node http server answering a fixed GetCallerIdentity-sized body: the ceiling rolechain is compared to.
import { createServer } from 'node:http';
const body = process.env.BODY ?? 'hello';
const s = createServer({ keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
s.keepAliveTimeout = 65_000;
s.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${s.address().port}`));
