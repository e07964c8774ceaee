/** What a live stream sends for one timeline event: the order page's timeline entry plus the order's state when sent. */
import type { LiveTimelineEvent } from '../live/order-stream.js';
import type { FeedEventRecord } from '../store/order-feed.js';
import { presentEvent } from './orders.js';

export function presentLiveEvent(e: FeedEventRecord): LiveTimelineEvent {
  return { order_id: e.order_id, ...presentEvent(e), status: e.status, payment_status: e.payment_status };
}
