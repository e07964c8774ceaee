/** Simplified Chinese text of <k100-product-folder>; loaded on demand by `../messages.ts`. */
import type { Message } from '../../core/i18n.js';
import type { folderMessages } from '../messages.js';

const zhCN: Record<keyof typeof folderMessages, Message> = {
  folders: '产品夹',
  tabPublic: '公共产品夹',
  tabPrivate: '专属产品夹',
  publicEmpty: '公共产品夹是空的。在搜索结果中收藏产品即可添加到这里。',
  privateEmpty: '暂无专属产品。可在下方向供应商申请访问权限。',
  quantityInvalid: '请输入不少于 {moq} 的整数。',
  undo: '撤销',
  removeFailed: '无法移除 {name}。',
  restoreFailed: '无法恢复 {name}。',
  selectedCount: { other: '已选择 {count} 项' },
  noneSelected: '请选择要下单的产品。',
  total: '合计：{amounts}',
  createOrder: '创建采购订单',
  accessTitle: '定制产品',
  accessIntro: '向供应商申请查看其专属 OEM/ODM 产品。',
  requestAccess: '申请访问',
  chooseSupplier: '选择供应商',
  sendRequest: '发送申请',
  requestIncomplete: '请选择供应商并填写留言。',
  requestSent: '已向 {name} 发送申请。',
  requestPending: '对 {name} 的申请正在等待处理。',
  requestFailed: '申请发送失败。',
  pendingTitle: '待处理的申请',
  requestedOn: '申请于 {date}',
};

export default zhCN;
