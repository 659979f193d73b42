/**
 * What the demo township's invented websites say: a community forum, the township's news feed and
 * a hotline's open-data API. Every text here is written for the demo; names are made up. Times are
 * hours before the start of the current day, so pages stay the same all day (and answer 304).
 */
export interface DemoThread {
  id: number;
  title: string;
  author: string;
  hoursAgo: number;
  likes: number;
  body: string;
}

export const DEMO_THREADS: DemoThread[] = [
  {
    id: 101,
    title: '青石村口的路灯又不亮了',
    author: '青石老李',
    hoursAgo: 3,
    likes: 12,
    body: '青石村村口到小学那段路的三盏路灯已经黑了一个多星期，晚上孩子们上晚自习回来只能打手电。之前报过一次，修好没几天又坏了，希望城建办能彻底查一下线路。',
  },
  {
    id: 102,
    title: '新街社区工地夜里施工太吵',
    author: '夜猫子',
    hoursAgo: 6,
    likes: 35,
    body: '新街社区东边的安置房工地最近每天晚上十一点以后还在打桩，噪音扰民，老人孩子都睡不好。请问夜间施工有没有审批？能不能按规定时间停工？',
  },
  {
    id: 103,
    title: '柳塘村垃圾好几天没人清运',
    author: '柳塘村民',
    hoursAgo: 9,
    likes: 8,
    body: '柳塘村三组路边的垃圾箱已经满出来了，天热有味道，还招苍蝇。以前两天收一次，这周一次都没来，是不是换了保洁公司？',
  },
  {
    id: 104,
    title: '河口村到镇上的校车能不能加一班',
    author: '河口家长',
    hoursAgo: 14,
    likes: 21,
    body: '河口村的孩子到中心学校要坐四十分钟校车，早上只有一班，六点半就要出门。能不能七点再加一班？冬天天黑，家长很担心安全。',
  },
  {
    id: 105,
    title: '云溪大道坑洼积水，电动车差点摔倒',
    author: '骑车上班族',
    hoursAgo: 20,
    likes: 17,
    body: '云溪大道菜市场门口那段路面坑坑洼洼，一下雨就积水看不清深浅，今天早上我的电动车差点摔倒。希望尽快修补，至少先放个警示牌。',
  },
  {
    id: 106,
    title: '建筑工地拖欠农民工工资，快过年了',
    author: '讨薪的老王',
    hoursAgo: 26,
    likes: 48,
    body: '我们十几个人在云溪镇工业园一个厂房工地干了五个月，包工头说老板没结账，工资一直拖着不给。马上过年了，家里等着钱用，请镇里帮帮我们。',
  },
  {
    id: 107,
    title: '新街社区停水没有提前通知',
    author: '新街居民',
    hoursAgo: 31,
    likes: 26,
    body: '今天上午新街社区突然停水，到现在还没来，也没看到任何通知。家里有老人要做饭吃药，希望以后停水能提前在群里说一声，并告诉大家什么时候恢复。',
  },
  {
    id: 108,
    title: '菜市场周边停车乱',
    author: '云溪小赵',
    hoursAgo: 40,
    likes: 6,
    body: '每逢赶集日，云溪菜市场周边车辆乱停，把路堵得死死的，救护车都进不来。建议划定临时停车区，安排人指挥一下。',
  },
  {
    id: 109,
    title: '青石村的灌溉渠堵了',
    author: '种田的老周',
    hoursAgo: 52,
    likes: 4,
    body: '青石村南边的灌溉渠被树枝和泥沙堵住了，下游几十亩田放不进水，眼看要误了农时。请农业农村办组织疏通一下。',
  },
  {
    id: 110,
    title: '有没有人知道省城地铁新线什么时候开通',
    author: '路过',
    hoursAgo: 60,
    likes: 2,
    body: '听说省城的地铁新线今年要通车，有没有知道具体日期的？打算坐地铁去高铁站。',
  },
  {
    id: 111,
    title: '新街社区工地夜里施工太吵',
    author: '睡不着',
    hoursAgo: 4,
    likes: 19,
    body: '新街社区东边的安置房工地最近每天晚上十一点以后还在打桩，噪音扰民，老人孩子都睡不好。请问夜间施工有没有审批？能不能按规定时间停工！！',
  },
];

/** Threads per list page of the forum. */
export const THREADS_PER_PAGE = 6;

export interface DemoNews {
  id: number;
  title: string;
  hoursAgo: number;
  summary: string;
}

export const DEMO_NEWS: DemoNews[] = [
  {
    id: 1,
    title: '云溪镇开展汛前排水设施检查',
    hoursAgo: 5,
    summary:
      '镇城建办会同各村（社区）对云溪大道、新街社区等重点路段的排水管网进行了检查，清理堵塞雨水口十二处，确保汛期排水畅通。',
  },
  {
    id: 2,
    title: '镇卫生院开展老年人免费健康体检',
    hoursAgo: 28,
    summary:
      '即日起至月底，云溪镇卫生院为辖区六十五岁以上老年人提供免费健康体检，请携带身份证和医保卡到卫生院一楼登记。',
  },
  {
    id: 3,
    title: '关于青石村部分路段临时交通管制的通告',
    hoursAgo: 50,
    summary:
      '因青石村道路改造施工，青石村村委会至青石小学路段将于下周一至周五实行临时交通管制，请过往车辆绕行柳塘村道。',
  },
  {
    id: 4,
    title: '云溪镇召开安全生产工作会议',
    hoursAgo: 75,
    summary:
      '会议部署了冬季安全生产和森林防火工作，要求各单位排查建筑工地、出租房屋和人员密集场所的安全隐患。',
  },
  {
    id: 5,
    title: '柳塘村环境整治工作取得成效',
    hoursAgo: 100,
    summary: '柳塘村发动党员和村民清理房前屋后垃圾，新增垃圾分类投放点八处，村容村貌明显改善。',
  },
];

export interface DemoHotlineItem {
  code: string;
  subject: string;
  content: string;
  hoursAgo: number;
  caller: string;
}

/** A hotline's open-data API: requests about the township, two per page. */
export const DEMO_HOTLINE: DemoHotlineItem[] = [
  {
    code: 'RX-0001',
    subject: '河口村自来水浑浊',
    content: '河口村二组这两天自来水发黄浑浊，烧开后有沉淀，不敢喝，希望检查一下供水管道。',
    hoursAgo: 7,
    caller: '河口村市民',
  },
  {
    code: 'RX-0002',
    subject: '云溪中心学校门口交通拥堵',
    content: '每天放学时中心学校门口接孩子的车辆太多，堵到云溪大道上，建议安排交警或志愿者疏导。',
    hoursAgo: 18,
    caller: '家长',
  },
  {
    code: 'RX-0003',
    subject: '新街社区流浪狗伤人',
    content: '新街社区小广场附近有几条流浪狗，前天有小孩被追咬，请有关部门尽快处理。',
    hoursAgo: 33,
    caller: '新街居民',
  },
  {
    code: 'RX-0004',
    subject: '柳塘村养殖场异味',
    content: '柳塘村北边的养猪场气味很大，附近住户夏天不敢开窗，请环保部门查一下排污是否达标。',
    hoursAgo: 45,
    caller: '柳塘村民',
  },
];

/** Place and unit names of the demo township: they make a post relevant to the jurisdiction. */
export const DEMO_TERMS: { term: string; kind: 'place' | 'unit' | 'keyword' }[] = [
  { term: '云溪镇', kind: 'place' },
  { term: '云溪', kind: 'place' },
  { term: '青石村', kind: 'place' },
  { term: '柳塘村', kind: 'place' },
  { term: '河口村', kind: 'place' },
  { term: '新街社区', kind: 'place' },
  { term: '云溪大道', kind: 'place' },
  { term: '城建办', kind: 'unit' },
  { term: '农业农村办', kind: 'unit' },
  { term: '中心学校', kind: 'unit' },
];
