import type { listsServiceEn } from './lists-service.en';

/** 简体中文: Background messages of the owner's lists (lib/db/service-lists and friends). */
export const listsServiceZhCN: Record<keyof typeof listsServiceEn, string> = {
  'segmentStore.errors.nameTaken': '已有名为“{name}”的分群，请换一个名字。',
  'segmentStore.errors.notFound': '这个分群已不存在，可能已被同事删除。',
  'csv.header.name': '姓名',
  'csv.header.key': '客户标识',
  'csv.header.all_keys': '全部标识',
  'csv.header.email': '邮箱',
  'csv.header.phone': '手机号',
  'csv.header.tags': '标签',
  'csv.header.number_of_orders': '订单数',
  'csv.header.amount_spent': '消费金额',
  'csv.header.currency': '币种',
  'csv.header.avg_order_value': '客单价',
  'csv.header.first_order_date': '首次下单日期',
  'csv.header.last_order_date': '最近下单日期',
  'csv.header.rfm_group': 'RFM 分组',
  'csv.header.lifecycle': '生命周期阶段',
  'csv.header.rfm_r': '最近购买得分 (R)',
  'csv.header.rfm_f': '购买频次得分 (F)',
  'csv.header.rfm_m': '消费金额得分 (M)',
  'csv.header.notes': '备注',
};
