/** Simplified Chinese messages; loaded on demand by `i18n.ts`. */
import type { Catalog } from '../i18n.js';

const zhCN: Catalog = {
  loading: '加载中…',
  errorTitle: '加载时出错了。',
  errorHint: '请检查网络连接后重试。',
  retry: '重试',
  expiredTitle: '您的会话已过期',
  expiredHint: '请重新登录后继续。',

  perUnit: '{price} / 件',
  moq: { other: '起订量 {count} 件' },
  loadMore: '加载更多',
  loadingMore: '正在加载…',

  quantity: '数量',
  remove: '移除',
  removed: '已移除 {name}。',

  supplier: '供应商',
  message: '留言',
  sending: '正在发送…',
};

export default zhCN;
