"""A synthetic archive of government disclosure documents, for bench/serve.py and its test.

Titles and bodies are drawn from a government-report vocabulary with Zipf-like frequencies:
function words and punctuation, words every report uses (工作, 推进, 落实), words of the
document's topic (预算 and 决算 for 财政预决算, 防汛 and 救援 for 应急管理), a long tail of
rarer words (place and project names), numbers with units and dates. 50 publishers (five
cities × ten departments), 20 topics, 10 years, 5 sites (one per city). Bodies are 300 to 3,000
characters. Rows go into the archive's own ``documents`` table, made by ``store.Archive``.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CITIES = (("昆明市", "km", "昆"), ("曲靖市", "qj", "曲"), ("玉溪市", "yx", "玉"),
          ("保山市", "bs", "保"), ("昭通市", "zt", "昭"))  # fmt: skip
DEPARTMENTS = (
    ("应急管理局", "应急", "应急管理"), ("财政局", "财", "财政预决算"),
    ("交通运输局", "交", "交通运输"), ("人力资源和社会保障局", "人社", "社会保障"),
    ("生态环境局", "环", "环境保护"), ("教育体育局", "教", "教育"),
    ("卫生健康委员会", "卫健", "医疗卫生"), ("住房和城乡建设局", "建", "城乡建设"),
    ("自然资源和规划局", "自然资源", "规划计划"), ("农业农村局", "农", "农业农村"),
)  # fmt: skip
TOPICS = (
    "应急管理", "安全生产", "财政预决算", "通知公告", "政策文件", "规划计划", "人事信息",
    "行政许可", "行政处罚", "统计信息", "政府采购", "重大项目", "环境保护", "教育",
    "医疗卫生", "交通运输", "社会保障", "农业农村", "城乡建设", "其他",
)  # fmt: skip
YEARS = tuple(range(2015, 2025))
KINDS = ("通知", "报告", "意见", "方案", "公告", "决定", "批复", "函", "办法", "规划")
STATUSES = (("live", 960), ("removed", 15), ("soft_removed", 10), ("restored", 10),
            ("unreachable", 5))  # fmt: skip

FUNCTION = (("的", 40), ("和", 9), ("与", 5), ("及", 5), ("在", 7), ("对", 5), ("等", 5),
            ("了", 3), ("是", 4), ("为", 5), ("将", 3), ("由", 2), ("按照", 3), ("根据", 3),
            ("关于", 3), ("进一步", 2))  # fmt: skip
PUNCT = (("，", 55), ("。", 18), ("、", 12), ("；", 3), ("：", 2), ("\n", 4))
COMMON = """工作 推进 落实 加强 完善 机制 体系 建设 发展 管理 服务 保障 实施 开展 组织 提高 能力
水平 质量 效率 重点 领域 问题 整改 责任 制度 标准 规范 考核 督查 指导 协调 会议 要求 全面 深入
持续 有效 积极 认真 严格 切实 各级 相关 部门 单位 全市 全省 政府 信息 公开 群众 企业 社会 经济
改革 创新 数字 政务 优化 统计 数据 年度 全年 同比 增长 下降 完成 情况 目标 任务 报告 通知 意见
方案 规划 办法 规定 条例 监督 检查 执法 风险 评估 培训 宣传 党建 廉政 作风 营商 环境 审批 民生
稳定 安全 基层 乡镇 街道 社区 项目 资金 预算 计划 措施 成效 经验 典型 示范 推广 落地 见效 机关
干部 队伍 人员 岗位 职责 分工 牵头 配合 上报 汇总 分析 研判 部署 动员 总结 表彰""".split()
TOPIC_WORDS = {
    "应急管理": "应急 救援 防汛 抗旱 地震 消防 灾害 预警 演练 应急预案 避险 转移 值守 隐患 排查",
    "安全生产": "安全生产 隐患 排查 整治 事故 危化品 矿山 执法检查 大检查 责任制 专项整治 警示",
    "财政预决算": "预算 决算 收入 支出 财政拨款 基本支出 项目支出 三公经费 结转 结余 政府采购 绩效",
    "通知公告": "通知 公告 公示 名单 报名 时间 地点 联系 电话 截止 申请 材料 办理",
    "政策文件": "印发 实施意见 暂行办法 管理办法 若干措施 细则 解读 贯彻 执行 废止 有效期",
    "规划计划": "规划 五年 远景目标 纲要 计划 布局 空间 国土 用地 指标 编制 调整",
    "人事信息": "任免 招聘 考试 录用 公示 聘用 人员 岗位 职务 职级 考核 面试",
    "行政许可": "许可 审批 申请人 受理 准予 变更 延续 注销 证书 资质 登记 备案",
    "行政处罚": "处罚 罚款 违法 当事人 责令 改正 决定书 听证 复议 诉讼 没收 警告",
    "统计信息": "统计 增长 百分点 同比 环比 累计 总量 规模以上 指标 数据 月度 季度",
    "政府采购": "采购 招标 中标 成交 供应商 公开招标 竞争性磋商 询价 合同 预算金额 评审",
    "重大项目": "项目 投资 开工 竣工 建设 进度 重大项目 招商 签约 入库 储备 征地",
    "环境保护": "生态 环境 污染 防治 水质 空气 排放 监测 环评 整改 督察 河长",
    "教育": "教育 学校 学生 教师 招生 义务教育 课程 校园 资助 减负 双减 学位",
    "医疗卫生": "医疗 卫生 疫情 防控 疫苗 接种 医院 医保 健康 核酸 病例 义诊",
    "交通运输": "交通 运输 公路 道路 桥梁 客运 货运 车辆 驾驶 治超 养护 通行",
    "社会保障": "社会保障 养老 医保 就业 失业 工伤 参保 待遇 救助 低保 补贴 社保卡",
    "农业农村": "农业 农村 农民 乡村振兴 耕地 粮食 种植 养殖 合作社 脱贫 帮扶 高标准农田",
    "城乡建设": "住房 城乡 建设 保障性住房 棚户区 改造 物业 工程 质量 施工 燃气 供水",
    "其他": "信息 公开 依申请 年报 政务 网站 热线 回复 建议 提案 办理 答复",
}
# Characters for the long tail of names (projects, places, firms): the commonest Chinese
# characters, most frequent first; names draw them with Zipf-like weights.
NAME_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
    "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
    "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海"
    "口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身"
    "车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青"
    "省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型"
    "眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严首底液官德随病苏"
    "失尔死讲配女黄推显谈罪神艺呢席含企望密批营项防举球英氧势告李台落木帮轮破亚师围注远字材排供河"
    "态封另施减树溶怎止案言士均武固叶鱼波视仅费紧爱左章早朝害续轻服试食充兵源判护司足某练差致板田"
    "降黑犯负击范继兴似余坚曲输修故城夫够送笔船占右财吃富春职觉汉画功巴跟虽杂飞检吸助升阳互初创抗"
    "考投坏策古径换未跑留钢曾端责站简述钱副尽帝射草冲承独令限阿宣环双请超微让控州良轴找否纪益依优"
    "顶础载倒房突坐粉敌略客袁冷胜绝析块剂测丝协诉念陈仍罗盐友洋错苦夜刑移频逐靠混母短皮终聚汽村云"
    "哪既距卫停烈央察烧迅境若印洲刻括激孔搞甚室待核校散侵吧甲游久菜味旧模湖货损预阻毫普稳乙妈植息"
    "扩银语挥酒守拿序纸医缺雨吗针刘啊急唱误训愿审附获茶鲜粮斤孩脱硫肥善龙演父渐血欢械掌歌沙刚攻谓"
    "盾讨晚粒乱燃矛乎杀药宁鲁贵钟煤读班伯香介迫句丰培握兰担弦蛋沉假穿执答乐谁顺烟缩征脸喜松脚困异"
    "免背星福买染井概慢怕磁倍祖皇促静补评翻肉践尼衣宽扬棉希伤操垂秋宜氢套督振架亮末宪庆编牛触映雷"
    "销诗座居抓裂胞呼娘景威绿晶厚盟衡鸡孙延危胶屋乡临陆顾掉呀灯岁措束耐剧玉赵跳哥季课凯胡额款绍卷"
    "齐伟蒸殖永宗苗川炉岩弱零杨奏沿露杆探滑镇饭浓航怀赶库夺伊灵税途灭赛归召鼓播盘裁险康唯录菌纯借"
    "糖盖横符私努堂域枪润幅哈竟熟虫泽脑壤碳欧遍侧寨敢彻虑斜薄庭纳弹饲伸折麦湿暗荷瓦塞床筑恶户访塔"
    "奇透梁刀旋迹卡氯遇份毒泥退洗摆灰彩卖耗夏择忙铜献硬予繁圈雪函亦抽篇阵阴丁尺追堆雄迎泛爸楼避谋"
    "吨野猪旗累偏典馆索秦脂潮爷豆忽托惊塑遗愈朱替纤粗倾尚痛楚谢奋购磨君池旁碎骨监捕弟暴割贯殊释词"
    "亡壁顿宝午尘闻揭炮残冬桥妇警综招吴付浮遭徐您摇谷赞箱隔订男吹园纷唐败宋玻巨耕坦荣闭湾键凡驻锅"
    "救恩剥凝碱齿截炼麻纺禁废盛版缓净睛昌婚涉筒嘴插岸朗庄街藏姑贸腐奴啦惯乘伙恢匀纱扎辩耳彪臣亿璃"
    "抵脉秀萨俄网舞店喷纵寸汗挂洪贺闪柬爆烯津稻墙软勇像滚厘蒙芳肯坡柱荡腿仪旅尾轧冰贡登黎削钻勒逃"
    "障氨郭峰币港伏轨亩毕擦莫刺浪秘援株健售股岛甘泡睡童铸汤阀休汇舍牧绕炸哲磷绩朋淡尖启陷柴呈徒颜"
    "泪稍忘泵蓝拖洞授镜辛壮锋贫虚弯摩泰幼廷尊窗纲弄隶疑氏宫姐震瑞怪尤琴循描膜违夹腰缘珠穷森枝竹沟"
    "催绳忆邦剩幸浆栏拥牙贮礼滤钠纹罢拍咱喊袖埃勤罚焦潜伍墨欲缝姓刊饱仿奖铝鬼丽跨默挖链扫喝袋炭污"
    "幕诸弧励梅奶洁灾舟鉴苯讼抱毁懂寒智埔寄届跃渡挑丹艰贝碰拔爹戴码梦芽熔赤渔哭敬颗奔铅仲虎稀妹乏"
    "珍申桌遵允隆螺仓魏锐晓氮兼隐碍赫拨忠肃缸牵抢博巧壳兄杜讯诚碧祥柯页巡矩悲灌龄伦票寻桂铺圣恐恰"
    "郑趣抬荒腾贴柔滴猛阔辆妻填撤储签闹扰紫砂递戏吊陶伐喂疗瓶婆抚臂摸忍虾蜡邻胸巩挤偶弃槽劲乳邓吉"
    "仁烂砖租乌舰伴瓜浅丙暂燥橡柳迷暖牌秧胆详簧踏瓷谱呆宾糊洛辉愤竞隙怒粘乃绪肩籍敏涂熙皆侦悬掘享"
    "纠醒狂锁淀恨牲霸爬赏逆玩陵祝秒浙貌役彼悉鸭趋凤晨畜辈秩卵署梯炎滩棋驱筛峡冒啥寿译浸泉帽迟硅疆"
    "贷漏稿冠嫩胁芯牢叛蚀奥鸣岭羊凭串塘绘酵融盆锡庙筹冻辅摄袭筋拒僚旱钾鸟漆沈眉疏添棒穗硝韩逼扭侨"
    "凉挺碗栽炒杯患馏劝豪辽勃鸿旦吏拜狗埋辊掩饮搬骂辞勾扣估蒋绒雾丈朵姆拟宇辑陕雕偿蓄崇剪倡厅咬驶"
    "薯刷斥番赋奉佛浇漫曼扇钙桃扶仔返俗亏腔鞋棱覆框悄叔撞骗勘旺沸孤吐孟渠屈疾妙惜仰狠胀谐抛霉桑岗"
    "嘛衰盗渗脏赖涌甜曹阅肌哩厉烃纬毅昨伪症煮叹钉搭茎笼酷偷弓锥恒杰坑鼻翼纶叙狱逮罐络棚抑膨蔬寺骤"
    "穆冶枯册尸凸绅坯牺焰轰欣晋瘦御锭锦丧旬锻垄搜扑邀亭酯迈舒脆酶闲忧酚顽羽涨卸仗陪辟惩杭姚肚捉飘"
    "漂昆欺吾郎烷汁呵饰萧雅邮迁燕撒姻赴宴烦债帐斑铃旨醇董饼雏姿拌傅腹妥揉贤拆歪葡胺丢浩徽昂垫挡览"
    "贪慰缴汪慌冯诺姜谊凶劣诬耀昏躺盈骑乔溪丛卢抹闷咨刮驾缆悟摘铒掷颇幻柄惠惨佳仇腊窝涤剑瞧堡泼葱"
    "罩霍捞胎苍滨俩捅湘砍霞邵萄疯淮遂熊粪烘宿档戈驳嫂裕徙箭捐肠撑晒辨殿莲摊搅酱屏疫哀蔡堵沫皱畅叠"
    "阁莱敲辖钩痕坝巷饿祸丘玄溜曰逻彭尝卿妨艇吞韦怨矮歇"
)
TAIL_SIZE = 20_000
SENTENCES = 8_000  # per topic


@dataclass(frozen=True)
class Vocabulary:
    """Per topic, every word a body may use and the cumulative weights to draw them with."""

    topic_words: dict[str, list[str]]
    sentences: dict[str, list[str]]  # per topic, drawn once: bodies are made of them
    tail: list[str]  # rarer words (names), most frequent first, drawn for each document
    tail_cum: list[float]


SHARES = {"global": 0.835, "topic": 0.14, "number": 0.025}
TAIL_PER_CHAR = 1 / 40  # tail words per character of body, drawn for each document


def _numbers(rng: random.Random, n: int = 5_000) -> list[str]:
    out = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.4:
            out.append(f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}万元")
        elif kind < 0.6:
            out.append(f"{rng.randint(1, 100)}.{rng.randint(0, 9)}%")
        elif kind < 0.8:
            out.append(f"{rng.randint(2000, 2024)}年{rng.randint(1, 12)}月")
        else:
            out.append(f"{rng.randint(1, 5000)}{rng.choice('人项家次个件')}")
    return out


def vocabulary(seed: int = 7) -> Vocabulary:
    rng = random.Random(seed)
    common = COMMON[:]
    rng.shuffle(common)
    words = [w for w, _ in FUNCTION] + [p for p, _ in PUNCT] + common
    # Zipf–Mandelbrot weights 1/(rank + 3): frequent words frequent, but none dominates
    weights = [float(w) for _, w in FUNCTION] + [float(w) for _, w in PUNCT]
    weights += [60.0 / (i + 3) for i in range(len(common))]
    char_cum = list(itertools.accumulate(1.0 / (i + 20) for i in range(len(NAME_CHARS))))
    tail: set[str] = set()
    while len(tail) < TAIL_SIZE:
        size = rng.choice((2, 3, 3, 4))
        tail.add("".join(rng.choices(NAME_CHARS, cum_weights=char_cum, k=size)))
    tail_words = sorted(tail)
    rng.shuffle(tail_words)
    tail_weights = [1.0 / (i + 10) ** 1.05 for i in range(len(tail_words))]
    numbers = _numbers(rng)
    topic_words = {t: w.split() for t, w in TOPIC_WORDS.items()}
    sentences = {}
    for topic, own in topic_words.items():
        own_weights = [1.0 / (i + 2) for i in range(len(own))]
        parts = (
            (words, weights, SHARES["global"]),
            (own, own_weights, SHARES["topic"]),
            (numbers, [1.0] * len(numbers), SHARES["number"]),
        )
        items = [w for part, _, _ in parts for w in part]
        scaled = [w * f for _, ws, share in parts for f in [share / sum(ws)] for w in ws]
        cum = list(itertools.accumulate(scaled))
        sentences[topic] = [
            "".join(rng.choices(items, cum_weights=cum, k=rng.randint(6, 30))).strip("，、；：\n")
            + rng.choice("。。。；\n")
            for _ in range(SENTENCES)
        ]
    return Vocabulary(topic_words, sentences, tail_words, list(itertools.accumulate(tail_weights)))


def publishers() -> list[tuple[str, str, str, str]]:
    """(publisher, site_id, 文号 prefix, department topic) for 50 publishers."""
    return [
        (city + dept, f"bench_{code}", abbr + dabbr, topic)
        for city, code, abbr in CITIES
        for dept, dabbr, topic in DEPARTMENTS
    ]


def sites() -> list[dict[str, Any]]:
    return [
        {"id": f"bench_{code}", "name": f"{city}人民政府（合成）", "family": "km",
         "base_url": f"https://{code}.bench.invalid", "columns": "[]", "verified": 0}
        for city, code, _ in CITIES
    ]  # fmt: skip


def body(rng: random.Random, vocab: Vocabulary, topic: str, length: int) -> str:
    """Sentences of the topic's pool, with the document's own draw of names put into them (a
    pool of sentences alone would repeat its rare words in many documents)."""
    pool = vocab.sentences[topic]
    parts = rng.choices(pool, k=length // 30 + 2)
    while sum(map(len, parts)) < length:
        parts += rng.choices(pool, k=8)
    names = rng.choices(vocab.tail, cum_weights=vocab.tail_cum, k=int(length * TAIL_PER_CHAR))
    for name in names:
        i = rng.randrange(len(parts))
        parts[i] = parts[i][:-1] + name + parts[i][-1]
    return "".join(parts)[:length].strip("，。、；：\n") + "。"


def documents(n: int, seed: int = 1, start: int = 1) -> Iterator[dict[str, Any]]:
    """Documents ``start`` .. ``start + n - 1`` of the corpus (the same for the same seed)."""
    vocab = vocabulary()
    pubs = publishers()
    for doc_id in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + doc_id)
        publisher, site_id, prefix, dept_topic = pubs[rng.randrange(len(pubs))]
        topic = dept_topic if rng.random() < 0.5 else rng.choice(TOPICS)
        year = rng.choice(YEARS)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        if rng.random() < 0.4:
            date += f"T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00+08:00"
        kind = rng.choice(KINDS)
        title_words = "".join(rng.choices(vocab.topic_words[topic], k=2)) + rng.choice(COMMON)
        title = f"{publisher}关于{title_words}的{kind}"
        if topic == "财政预决算" and rng.random() < 0.5:
            title = f"{publisher}{year}年部门{rng.choice(('预算', '决算'))}公开"
        length = rng.randint(300, 3000)
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        serial = rng.randint(1, 300)
        doc_no = f"{prefix}发〔{year}〕{serial}号" if rng.random() < 0.6 else None
        yield {
            "id": doc_id,
            "url": f"https://{site_id[6:]}.bench.invalid/c/{date[:10]}/{doc_id}.shtml",
            "site_id": site_id,
            "title": title,
            "index_no": f"bench-{year}{month:02d}-{doc_id:07d}",
            "topic": topic,
            "publisher": publisher,
            "publish_date": date,
            "publish_year": year,
            "doc_no": doc_no,
            "keywords": "[]",
            "body_text": body(rng, vocab, topic, length),
            "metadata": "{}",
            "first_seen_at": "2025-01-01T00:00:00+00:00",
            "last_seen_at": "2025-01-01T00:00:00+00:00",
            "version_count": 1,
            "status": status,
            "status_changed_at": "2025-01-01T00:00:00+00:00",
        }
