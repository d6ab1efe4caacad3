"""Titles and notes as people write them, for the search benchmark: 70% English, 10%
Russian, 10% Chinese (runs of characters without spaces), 10% French, German, Spanish and
Portuguese with their accents; titles of 2-7 words, half the items with notes of 5-60
words. Deterministic (seeded)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


EN = _words("""plan project report budget meeting review launch design draft client invoice contract
schedule deadline website update migration testing release marketing campaign email newsletter
hire interview onboarding training workshop conference travel flight hotel booking visa
renovation kitchen bathroom garden fence paint roof window door floor tiles plumber electrician
study exam course lecture thesis chapter research paper submit read write edit publish book
health doctor dentist checkup gym running marathon swim yoga diet sleep water vitamins
finance taxes savings invest mortgage insurance pension account bank transfer payment refund
family birthday wedding gift party dinner holiday vacation beach mountain ski camping trip
car service tires oil repair garage license registration parking fuel battery charger
software bug fix feature refactor deploy server database backup security audit password
order buy sell return shipping delivery package warehouse stock supplier vendor quote price
team weekly monthly quarterly annual goal target milestone progress status summary notes
call phone message reply follow up confirm cancel reschedule prepare organize clean move
apartment lease landlord utilities internet electricity heating cooling furniture sofa desk
laptop printer monitor keyboard mouse camera photo video music podcast episode recording
plant planning planner airplane explanation""")
RU = _words("""проект план отчёт бюджет встреча обзор запуск дизайн черновик клиент счёт договор
график срок сайт обновление миграция тестирование релиз маркетинг кампания письмо рассылка
найм собеседование обучение семинар конференция поездка перелёт гостиница бронирование виза
ремонт кухня ванная сад забор покраска крыша окно дверь пол плитка сантехник электрик
учёба экзамен курс лекция диссертация глава исследование статья здоровье врач стоматолог
спортзал бег марафон плавание йога диета сон вода витамины финансы налоги сбережения ёлка
семья день рождения свадьба подарок ужин отпуск пляж горы лыжи машина ремонт шины масло""")
ZH = _words("""项目 计划 报告 预算 会议 审查 发布 设计 草稿 客户 发票 合同 日程 截止 网站 更新 迁移
测试 营销 活动 邮件 招聘 面试 培训 研讨会 旅行 航班 酒店 预订 签证 装修 厨房 浴室 花园 油漆
屋顶 窗户 学习 考试 课程 讲座 论文 研究 健康 医生 牙医 体检 跑步 游泳 瑜伽 饮食 睡眠 财务
税务 储蓄 投资 保险 银行 付款 家庭 生日 婚礼 礼物 晚餐 假期 海滩 滑雪 汽车 维修 软件 错误
功能 部署 服务器 数据库 备份 安全 订单 购买 发货 供应商 团队 目标 里程碑 进度 电话 整理 搬家
这个 非常 重要 需要 完成 下周 今天 明天 我们 一下""")
EU = _words("""café résumé naïve façade crème brûlée déjà vu élève hôtel réunion projet équipe
Müller Straße Bürgermeister Größe Übersicht Prüfung Glück schön Führerschein Geschäft
español año niño mañana reunión canción corazón jalapeño pingüino acción informe
São Paulo coração ação informação""")


def sentence(lang: str, n: int, rng: random.Random) -> str:
    if lang == "zh":
        return "".join(rng.choice(ZH) for _ in range(n))  # no spaces: a run of characters
    words = {"en": EN, "ru": RU, "eu": EU + EN}[lang]
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:]


def text(kind: str, rng: random.Random) -> str:
    r = rng.random()
    lang = "en" if r < 0.7 else "ru" if r < 0.8 else "zh" if r < 0.9 else "eu"
    if kind == "title":
        return sentence(lang, rng.randint(2, 7) if lang != "zh" else rng.randint(2, 5), rng)
    if rng.random() < 0.5:
        return ""
    n = rng.randint(5, 60)
    if lang == "zh":
        return "。".join(sentence("zh", rng.randint(3, 8), rng) for _ in range(max(1, n // 8)))
    return ". ".join(sentence(lang, rng.randint(4, 12), rng) for _ in range(max(1, n // 8)))


def write_texts(path: Path, seed: int = 17) -> None:
    """Give every item of the plan at `path` (closed) a generated title and notes, as
    another program would write them (the search index marks them all stale)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    try:
        ids = [row[0] for row in con.execute("SELECT id FROM items ORDER BY id")]
        rows = [(text("title", rng), text("notes", rng), i) for i in ids]
        con.executemany("UPDATE items SET title = ?, notes = ? WHERE id = ?", rows)
        con.commit()
    finally:
        con.close()
