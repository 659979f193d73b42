/**
 * The government-domain sentiment lexicon, words grouped by weight. Review data (what the model
 * learns from) barely knows the vocabulary of citizens' complaints (扰民, 拖欠, 不作为 ...) and
 * mistakes the politeness of a request (谢谢, 尽快) for praise, so these words carry that domain.
 *
 * About 1 for an ordinary cue, 2 for a strong one (anger, inaction, arrears, danger, explicit
 * praise), 3 for a word that decides the matter alone (感谢信, 忍无可忍). A bare 谢谢 or 感谢
 * mostly closes a complaint politely, so it counts little.
 */
export const NEGATIVE: Readonly<Record<string, string>> = {
  '3': `
    忍无可忍 怨声载道 苦不堪言 强烈谴责 殴打
  `,
  '2.5': `
    不作为 乱作为 推诿扯皮 踢皮球 推卸责任 不闻不问 置之不理 不予理睬
    不理不睬 不管不问 形同虚设 敷衍了事 投诉无门 求助无门 寒心 心寒 愤怒
    气愤 愤慨 叫苦不迭 民怨 不负责任 极差 脏乱差 猖獗 拖欠 欠薪 讨薪 克扣
    跑路 卷款 乱收费 乱罚款 缺斤短两 霸王条款 骗取 诈骗 欺骗 欺诈 被骗
    坑害 敲诈 勒索 偷排 强拆 强占 霸占 恐吓 打人 暴力 贪污 腐败 受贿
    黑恶 欺行霸市 偷工减料 臭气熏天 污水横流 烂尾 不做为 弄虚作假 包庇 打击报复
    劳民伤财 虐待 恶语相向 睁眼说瞎话 颠倒黑白 欺下瞒上 为所欲为 几近崩溃
  `,
  '2': `
    慢作为 推诿 推卸 无人管 没人管 没有人管 无人问津 无人理会 石沉大海 敷衍
    搪塞 刁难 没有任何结果 不给说法 效率太低 办事难 不满 不满意 失望 怨言
    憋屈 冤枉 欺负 不公 不公平 恶劣 太差 很差 差劲 乱象 泛滥 严重影响
    太危险 血汗钱 退款难 乱涨价 私搭乱建 乱搭乱建 逼迫 威胁 假冒 伪劣 扰民
    无法入睡 无法休息 偷倒 恶臭 黑臭 刺鼻 安全隐患 火灾隐患 危及 车祸 伤亡
    中毒 延期交房 拒载 影响健康 恐慌 痛苦 侵占 危害 受害 控诉 无法接受 无助 推脱
    涉黄 死亡 形式主义 粗暴 闹心 寝食难安 忍不了 无法容忍 敢怒不敢言 有苦难言
    狗患 不得安宁 伤人 咬伤 被咬 追咬 死鱼 推搡 情绪激动 事态扩大
  `,
  '1.5': `
    扯皮 无果 没有解决 没解决 未解决 未得到解决 没有结果 没有回音 没有下文
    多次投诉 反复投诉 效率低 无奈 可怜 不合理 不透明 不到位 混乱 强烈要求
    不退 违法 违规 违建 违章建筑 非法 强行 不合格 噪音 噪声 污染 扬尘
    臭味 发臭 异味 蚊蝇 塌陷 隐患 危险 事故 受伤 拉肚子 被困 绕路 超载
    担忧 害怕 焦急 难受 头晕 恶心 不服 控告 年久失修 强制 划伤 黑烟 坑坑洼洼
    乱停乱放 乱摆乱放 乱堆乱放 乱挂 太贵 被淹 失实 不礼貌 呵斥 难过 骂名 糟糕
    昧心 心惊 嚣张 意见很大 意见强烈 查处 乱收 变相收费 浑浊 发黄 水质差 不敢喝
  `,
  '1': `
    迟迟 屡次 多次反映 投诉 举报 曝光 维权 严重 违章 堵塞 积水 漏水 裂缝
    损坏 坏了 故障 停水 停电 身心健康 担心 拥堵 堵车 破损 落后 断头路 质疑 上访
    急盼 没用 缺失 摔倒 昂贵 难等 不便 不方便 不理解
  `,
  '0.8': `
    困难
  `,
};

export const POSITIVE: Readonly<Record<string, string>> = {
  '3': `
    感谢信 深表谢意 表扬 赞扬 点赞 点个赞 为民办实事
  `,
  '2.5': `
    衷心感谢 特此感谢 致敬 称赞 好评 暖心 非常满意 很满意
    焕然一新
  `,
  '2': `
    感恩 办实事 满意 开心 高兴 欣慰 舒心 效率很高 圆满 英勇 取得成效 成效显著 明显改善
  `,
  '1.5': `
    特别感谢 辛苦了 温暖 好去处 非常好 优美 干净整洁 认真负责 热心 热情
    耐心 周到 高效 效率高 解决了 得到解决 修好了 办好了
  `,
  '1': `
    感激 致谢 谢意 非常感谢 民生工程 值得 放心 安心 很好 不错 整洁 细致 礼貌 顺利 便民
  `,
  '0.8': `
    感谢
  `,
  '0.5': `
    畅通 负责 及时 不胜感激 感激不尽
  `,
  '0.3': `
    谢谢 方便
  `,
};

/**
 * Negators: a lexicon word right after one (same clause) turns the other way; see lexicon.ts.
 * Entries that begin with a negator (不作为, 无人管, 没有解决) are words of their own.
 */
export const NEGATORS = `
  不 没 没有 未 无 别 毫无 没有造成 未造成 从未 并未 并非 不是 不再 再也不 不用 无需 不必 不够 不太 并不
`;

/**
 * Consultation and suggestion cues: a message asking how, or proposing something, is neutral
 * unless it says otherwise, so these shrink the score (analyse.ts) instead of adding to it. So do
 * the words of a government notice about its own work (召开…会议, 部署), which the review model read
 * as complaints (安全生产 sounds like a hazard to it).
 */
export const CONSULT = `
  请问 咨询 想问 想了解 了解一下 如何 怎么办理 怎样 哪些 是否 能否 可否 有没有 多少 什么时候
  建议 希望 需要什么 召开 部署
`;

/**
 * Inert words, matched like lexicon words so that their parts are not: they weigh nothing and end
 * any negation in reach. Words that begin with a negator but negate nothing after them (非常气愤,
 * 不少人担心), and the set phrases that close a letter (祝工作顺利).
 */
export const INERT = `
  非常 无论 不断 不停 不少 不仅 不但 不过 不久 不得不 不管是 未来 无数 没想到 不知道
  工作顺利 身体健康 万事如意
`;
