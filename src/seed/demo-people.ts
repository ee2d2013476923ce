import { createHash } from 'node:crypto';

/** Common surnames and given names, so the demo's invented people read as ordinary ones. */
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '沈', '钱', '蒋', '叶', '潘', '章', '俞', '应', '楼'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '国强', '晓东', '丽娟', '志刚', '海燕',
  '佳怡', '浩宇', '雨萱', '子涵', '晓峰', '文杰', '思远', '丽萍', '建国', '红梅', '俊杰', '婷婷', '嘉豪', '立新'];

/**
 * An invented but ordinary Chinese name, the same for the same key on every run (the demo's
 * 专人专岗 contacts of departments whose real contact the source does not publish).
 */
export function personName(key: string): string {
  const h = createHash('sha1').update(`shukai-demo-person:${key}`).digest();
  return SURNAMES[h[0]! % SURNAMES.length]! + GIVEN[h[1]! % GIVEN.length]!;
}
