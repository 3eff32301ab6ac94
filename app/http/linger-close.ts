import type { Socket } from 'node:net';
import type { Request, Response } from 'express';

/** how long an answered connection keeps reading (and discarding) what a client still sends */
const LINGER_MS = 5_000;

/**
 * Ends the connection after an early answer (a 413 while the body still streams) the way HTTP/1.1
 * asks: say `Connection: close`, send the answer and a FIN, and keep reading and discarding what
 * the client still sends until it stops or the linger ends. Closing at once would make the kernel
 * answer the client's next bytes with a reset, and a client busy writing may see the reset before
 * it reads the answer (a 413 would reach it as ECONNRESET). Node closes such a socket with
 * destroySoon, and Nest's multer interceptor destroys a request answered while it was still
 * receiving: on this socket both linger instead.
 */
export function closeAfterLinger(req: Request, res: Response): void {
  res.setHeader('Connection', 'close');
  const socket: Socket = req.socket;
  const destroyNow = socket.destroy.bind(socket);
  let lingering = false;
  const closeGracefully = () => {
    socket.end();
    const timer = setTimeout(destroyNow, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => destroyNow());
  };
  const linger = (): Socket => {
    if (lingering || socket.destroyed) return socket;
    lingering = true;
    if (res.writableFinished) closeGracefully();
    else res.once('finish', closeGracefully);
    req.resume();
    return socket;
  };
  socket.destroySoon = linger;
  socket.destroy = linger;
}
