import { useEffect, useState } from 'react';
import type { ThemeConfig } from 'antd';

/** A phone, or any screen driven by a finger: the leader approves on a phone (DESIGN §9). */
export const TOUCH_QUERY = '(max-width: 575px), (pointer: coarse)';

/**
 * antd's controls are 32px high, its small buttons 24px and its switch 22px: below the 40px a
 * finger hits reliably, so on a phone 批办, 审定通过, the header's menu and bell were easy to miss.
 * On a touch screen controls are 40px (select options follow controlHeight; small buttons and
 * selects, the switch, a segmented control's options and a phone's small pagination are set
 * here); links standing alone take the class tap-target, and checkboxes, radios and a table's
 * expand button grow in global.css.
 *
 * The date picker's cells and time columns grow with controlHeight, and its date-and-time panel
 * was already 401px wide at 32px: on a 390px phone it pushed the page sideways and hid 确定. Here
 * its cells are 32px and its time columns 48px, so that panel is 357px and fits (range pickers'
 * two months are stacked in global.css).
 */
export const TOUCH_THEME: ThemeConfig = {
  token: { controlHeight: 40 },
  components: {
    DatePicker: { cellWidth: 32, cellHeight: 32, timeColumnWidth: 48, timeCellHeight: 32 },
    // A small button (加入回复, a table row's 编辑) is 30px at controlHeight 40; and a table's
    // pagination on a phone is antd's small one, 30px too.
    Button: { controlHeightSM: 40 },
    // A small select (a case's 确认/更正分类) is 30px there too.
    Select: { controlHeightSM: 40 },
    Pagination: { itemSizeSM: 40 },
    // A segmented control's options (舆情信息's 时间 / 相关度) sit 2px inside its height.
    Segmented: { controlHeight: 44 },
    Switch: {
      trackHeight: 40,
      handleSize: 34,
      trackMinWidth: 72,
      innerMinMargin: 16,
      innerMaxMargin: 40,
    },
  },
};

export function useTouchScreen(): boolean {
  const [touch, setTouch] = useState(() => window.matchMedia(TOUCH_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(TOUCH_QUERY);
    const onChange = () => setTouch(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return touch;
}
