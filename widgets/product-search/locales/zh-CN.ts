/** Simplified Chinese text of <k100-product-search>; loaded on demand by `../messages.ts`. */
import type { Message } from '../../core/i18n.js';
import type { searchMessages } from '../messages.js';

const zhCN: Record<keyof typeof searchMessages, Message> = {
  searchLabel: '搜索产品',
  searchPlaceholder: '产品、关键词或供应商',
  searchButton: '搜索',
  category: '类别',
  allCategories: '全部类别',
  categoryOption: '{name}（{count}）',
  minPrice: '最低价格（{currency}）',
  maxPrice: '最高价格（{currency}）',
  priceRangeInvalid: '最低价格高于最高价格。',
  searching: '正在搜索…',
  resultCount: { other: '已显示 {count} 件产品。' },
  moreAvailable: '还有更多结果。',
  noResults: '没有符合搜索条件的产品。',
  privateBadge: '专属',
  collect: '收藏',
  collected: '已收藏',
  collectFailed: '收藏失败，请重试。',
  allShown: '已显示全部产品',
  loadMoreFailed: '无法加载更多产品。',
};

export default zhCN;
