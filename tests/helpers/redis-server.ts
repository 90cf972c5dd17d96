// the bench's channel-workers row starts its Redis the same way: one piece, kept in bench/
export { startTestRedis, type TestRedis } from '../../bench/redis-server.js';
