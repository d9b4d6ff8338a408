#!/usr/bin/env python3
"""Writes a catalog of real size: a city and its four districts, thousands of items.

A district service centre lists two to three thousand items (事项) of some seventy
departments; the sample catalog (core/data/catalog/sanya.json) has 47. This script keeps the
sample unchanged (its ids, bundles and phrases still work) and adds generated items until the
catalog holds --items of them:

- 68 departments: the sample's 17 city departments, 7 more city ones, and the same 11 kinds of
  department in each of 三亚's four districts (海棠区、吉阳区、天涯区、崖州区), with `level`;
  their department windows plus the sample's windows (the three comprehensive ones among them).
- items composed from real service subjects (护士执业注册, 临时救助审批, 排污许可 …) and the
  sub-items real lists split them into (（变更）（延续）（注销）（补发）…); a district's item
  carries the district in its name, so every name is unique.
- every field type, situation questions with case-dependent limits, conditions, rules,
  materials (key, deferrable, commitment, licence-backed), keywords and life events, and a
  dozen bundles (the sample's three and nine 一件事 of generated items).
- every item has an `example` application that validates, so `yilu catalog lint` passes:
  resident IDs carry their GB 11643 check digit, credit codes their GB 32100 one.

Deterministic: the same --seed and --items give the same bytes. Python 3 standard library only.
The vocabulary below yields at most 2,310 items (sample included); bundle members are always
written, the subjects' main items next, and sub-items fill the rest in seeded random order.

Usage: gen_catalog.py -o FILE [--items 2270] [--seed 1] [--sample sanya.json]
"""
import argparse
import datetime
import json
import os
import random
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SAMPLE = os.path.join(REPO, "core", "data", "catalog", "sanya.json")
AS_OF = datetime.date(2026, 11, 26)  # the sample's examples are all as of this day

DISTRICTS = [("haitang", "海棠区", "460202"), ("jiyang", "吉阳区", "460203"),
             ("tianya", "天涯区", "460204"), ("yazhou", "崖州区", "460205")]

# City departments beyond the sample's 17, each with its own window.
NEW_CITY_DEPARTMENTS = [
    ("sf", "三亚市司法局", "司法行政窗口"),
    ("tyjr", "三亚市退役军人事务局", "退役军人服务窗口"),
    ("nync", "三亚市农业农村局", "农业农村窗口"),
    ("yjgl", "三亚市应急管理局", "应急管理窗口"),
    ("commerce", "三亚市商务局", "商务窗口"),
    ("zhzf", "三亚市综合行政执法局", "综合行政执法窗口"),
    ("cl", "三亚市残疾人联合会", "残疾人服务窗口"),
]
# The same kinds of department in each district ("三亚市海棠区民政局").
DISTRICT_KINDS = [
    ("fgw", "发展和改革委员会"), ("jy", "教育局"), ("mz", "民政局"), ("sf", "司法局"),
    ("rsj", "人力资源和社会保障局"), ("zj", "住房和城乡建设局"), ("nync", "农业农村局"),
    ("wjw", "卫生健康委员会"), ("tyjr", "退役军人事务局"), ("yjgl", "应急管理局"),
    ("zhzf", "综合行政执法局"),
]
# Where the sample's departments' generated items are received, unless a subject says.
SAMPLE_DEPT_WINDOW = {
    "wjw": "w_social", "gaj": "w_police", "rsj": "w_social", "ybj": "w_social", "scjg": "w_market",
    "sw": "w_tax", "zrzy": "w_realestate", "zj": "w_build", "rcfz": "w_talent", "gjj": "w_gjj",
    "mz": "w_social", "jy": "w_social", "jt": "w_transport", "stj": "w_build", "fgw": "w_build",
    "sw2": "w_build", "wl": "w_market",
}

# Categories: the item kind, the default sub-items, legal limits to draw from.
CATEGORIES = {
    "L": ("行政许可", "ncrxb", [20, 20, 20, 30, 45, 60]),
    "C": ("行政确认", "n", [10, 15, 20, 30]),
    "B": ("行政给付", "ncs", [15, 20, 30, 30, 60]),
    "S": ("公共服务", "n", [5, 10, 15, 20]),
    "F": ("其他行政权力", "ncx", [5, 10, 15]),
    "R": ("行政奖励", "n", [30, 60]),
    "Z": ("行政征收", "n", [5, 10]),
    "D": ("行政裁决", "n", [45, 60]),
}
# Sub-items (子项): code -> (id suffix, label in the name, keyword pattern).
VARIANTS = {
    "n": ("", "", None),
    "c": ("change", "变更", "{}变更"),
    "r": ("renew", "延续", "{}延期"),
    "x": ("cancel", "注销", "{}注销"),
    "b": ("reissue", "补发", "补办{}"),
    "h": ("replace", "换发", "换{}"),
    "s": ("stop", "终止", "停{}"),
}
ONLINE_WEIGHTS = {"S": (5, 4, 1), "F": (5, 4.5, 0.5), "B": (3.5, 5.5, 1), "C": (3, 5.5, 1.5)}

# Subjects: slug|name|category|profile|life events|keywords|fields|materials|basis|options
#   profile P person, O enterprise or organisation, J investment project;
#   fields: library ids, "?" = optional; materials: names (ids come from a shared registry);
#   options: v=<sub-items> win=<window> iss=<licence issued, name or @id> old instant
#            q=site|channel|income|agent fee=<amount> nolic
CITY_SUBJECTS = {
"wjw": """
nurse_practice|护士执业注册|L|P|employment|护士证,护士注册|education,employer|护士执业资格考试成绩合格证明,健康体检证明|《护士条例》|v=ncrx iss=护士执业证书
physician_practice|医师执业注册|L|P|employment|医师证,医生执业证,医师注册|education,employer|医师资格证书,健康体检证明|《中华人民共和国医师法》|v=ncx iss=医师执业证书
clinic_filing|诊所备案|F|O|startup,operation|开诊所,诊所备案|premises,floor_area|诊所平面布局图,医务人员执业证书|《医疗机构管理条例》|
radiation_diagnosis|放射诊疗许可|L|O|operation|放射许可,拍片许可|premises|放射防护评价报告,放射诊疗设备清单|《放射诊疗管理规定》|v=ncrx q=site
maternal_technique|母婴保健技术服务执业许可|L|O|operation|助产技术许可,母婴保健许可|premises|技术人员资格证明,设施设备清单|《中华人民共和国母婴保健法》|v=ncr
water_supply_hygiene|饮用水供水单位卫生许可|L|O|operation|供水卫生许可,二次供水许可|premises|水质检测报告,卫生管理制度|《生活饮用水卫生监督管理办法》|v=ncrx
family_planning_award|计划生育家庭奖励扶助金申领|B|P|maternity,assistance|奖励扶助,独生子女奖励,计生奖励|household_size,bank_account|独生子女父母光荣证,户口簿|《中华人民共和国人口与计划生育法》|old
special_support|计划生育特殊家庭特别扶助金申领|B|P|assistance|特扶金,失独补助,特别扶助|bank_account|子女死亡或伤残证明|《中华人民共和国人口与计划生育法》|v=ns old
medical_setup|医疗机构设置审批|L|O|startup,operation|开医院审批,医院设置|premises,beds|设置可行性研究报告,选址报告|《医疗机构管理条例》|v=nc
foreign_doctor|外国医师来华短期行医许可|L|P|talent|外国医生行医,外籍医师|nationality,passport_no,employer|外国医师执业证书,聘用合同|《外国医师来华短期行医暂行管理办法》|v=nr
occupational_exam_filing|职业健康检查机构备案|F|O|operation|职业体检备案,职业健康检查|premises|职业健康检查人员资质证明|《职业健康检查管理办法》|
disinfection_product|消毒产品生产企业卫生许可|L|O|operation|消毒产品许可,消毒液生产|premises|生产工艺流程,产品检验报告|《消毒管理办法》|v=ncrx
health_certificate|从业人员预防性健康检查|S|P|employment|健康证,办健康证,从业体检|employer|近期免冠照片|《公共场所卫生管理条例》|
elderly_checkup|老年人免费健康体检|S|P|retirement|老人体检,免费体检|live_area|户口簿|《国家基本公共卫生服务规范》|old
birth_cert_reissue|《出生医学证明》补发|C|P|birth|出生证丢了,补出生证,出生证明补办|child_name,child_id,child_birth_date|遗失声明,户口簿|《中华人民共和国母婴保健法》|
birth_cert_replace|《出生医学证明》换发|C|P|birth|出生证改名,出生证换发|child_name,child_id,child_birth_date,apply_reason|原《出生医学证明》|《中华人民共和国母婴保健法》|
medical_practice|医疗机构执业登记|L|O|operation|医疗机构执业许可证变更,诊所变更|premises,beds|医疗机构执业许可证|《医疗机构管理条例》|v=crxb
public_hygiene|公共场所卫生许可|L|O|operation|卫生许可证变更,卫生许可证延续|premises,place_type|卫生管理制度|《公共场所卫生管理条例》|v=crxb
occupational_disease|职业病诊断|C|P|employment|职业病,职业病鉴定|employer_uscc,disease_name|职业史证明,劳动关系证明|《中华人民共和国职业病防治法》|
blood_reimbursement|无偿献血者用血费用报销|B|P|social_security|献血报销,用血报销|medical_cost,bank_account|无偿献血证,用血费用票据|《中华人民共和国献血法》|v=n
""",
"gaj": """
household_move_in|户口迁入登记|C|P|identity,housing|迁户口,户口迁入,落户|hukou_area,live_address|准予迁入证明,房屋产权证明|《中华人民共和国户口登记条例》|q=agent
household_move_out|户口迁出登记|C|P|identity|迁出户口,户口迁出|to_area|准予迁入证明,户口簿|《中华人民共和国户口登记条例》|
name_change|变更姓名登记|C|P|identity|改名字,改名,改姓|apply_reason|变更姓名申请书,户口簿|《中华人民共和国户口登记条例》|
death_household_cancel|死亡人员户口注销|C|P|bereavement,identity|销户,注销户口,死亡销户|deceased_name,deceased_id,death_date|居民死亡医学证明（推断）书,户口簿|《中华人民共和国户口登记条例》|iss=户籍注销证明 q=agent
temp_id_card|临时居民身份证申领|C|P|identity|临时身份证,临时身份证明|live_address|近期免冠照片|《中华人民共和国临时居民身份证管理办法》|fee=10元/证
id_card_reissue|居民身份证补领|C|P|identity|身份证丢了,补办身份证,补身份证|reissue_reason|近期免冠照片,户口簿|《中华人民共和国居民身份证法》|fee=20元/证
household_book_reissue|居民户口簿补领|C|P|identity|户口本丢了,补户口本,补户口簿|reissue_reason|户口簿遗失声明|《中华人民共和国户口登记条例》|
no_crime_certificate|无犯罪记录证明开具|S|P|employment|无犯罪证明,开无犯罪证明,良民证|apply_reason|用途说明|《公安机关办理无犯罪记录证明工作规定》|
passport|普通护照签发|L|P|identity|办护照,护照|?contact_email|近期免冠照片|《中华人民共和国护照法》|v=nhb fee=120元/本
hk_macao_pass|往来港澳通行证签发|L|P|identity|港澳通行证,去香港,去澳门|?contact_email|近期免冠照片|《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》|v=nhb fee=60元/证
taiwan_pass|往来台湾通行证签发|L|P|identity|台湾通行证,去台湾|?contact_email|近期免冠照片|《中国公民往来台湾地区管理办法》|v=nhb fee=60元/证
vehicle_registration|机动车注册登记|C|P||上牌,新车上牌,车辆登记|vehicle_type|机动车来历证明,机动车整车出厂合格证明,机动车交通事故责任强制保险凭证|《中华人民共和国道路交通安全法》|v=ncx
driving_licence|机动车驾驶证换证|C|P||驾照换证,驾驶证到期,换驾照|vehicle_type|身体条件证明,近期免冠照片|《中华人民共和国道路交通安全法》|v=nb
hotel_special_industry|旅馆业特种行业许可证核发|L|O|startup,operation|开酒店,旅馆特行证,民宿许可|premises,rooms|消防安全检查合格证明,旅馆平面图|《旅馆业治安管理办法》|v=ncx q=site
large_event_safety|大型群众性活动安全许可|L|O|operation|办活动审批,演唱会审批,大型活动|event_name,period_start,period_end,attendance|活动安全工作方案,场地使用证明|《大型群众性活动安全管理条例》|v=n
foreigner_residence|外国人居留许可|L|P|talent|外国人居留,居留证,工作类居留|nationality,passport_no,employer|护照,外国人工作许可证|《中华人民共和国出境入境管理法》|v=nrb win=w_talent
seal_record|公章刻制备案|F|O|change|换公章,公章注销,印章变更||原印章,印章刻制申请表|《印铸刻字业暂行管理规则》|v=cx win=w_market
spouse_settlement|夫妻投靠落户|C|P|identity,marriage|夫妻投靠,随配偶落户|hukou_area,married,spouse_id|结婚证,户口簿|《中华人民共和国户口登记条例》|
parent_settlement|老人投靠子女落户|C|P|identity,retirement|投靠子女,父母投靠|hukou_area,live_address|亲属关系证明,户口簿|《中华人民共和国户口登记条例》|old
child_settlement|子女投靠父母落户|C|P|identity|子女投靠,孩子随迁|hukou_area,child_name,child_id,child_birth_date|出生医学证明,户口簿|《中华人民共和国户口登记条例》|
graduate_settlement|高校毕业生落户|C|P|identity,employment,talent|毕业生落户,大学生落户|hukou_area,education|学历学位证书,劳动合同|《中华人民共和国户口登记条例》|
house_settlement|购房落户|C|P|identity,housing|买房落户,购房入户|hukou_area,house_address|不动产权证书,户口簿|《中华人民共和国户口登记条例》|
hukou_correction|户口登记项目变更更正|C|P|identity|改出生日期,改民族,户口信息更正|change_content|变更更正依据材料,户口簿|《中华人民共和国户口登记条例》|
residence_endorsement|居住证签注|C|P|identity,housing|居住证续签,居住证签注|live_area,live_address|居住证,居住证明（租赁合同或房产证明）|《居住证暂行条例》|
hk_endorsement|往来港澳通行证签注|L|P|identity|港澳签注,续签港澳,香港签注|?contact_email|往来港澳通行证|《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》|v=n fee=15元/次
vehicle_transfer|机动车转移登记|C|P||车辆过户,二手车过户|vehicle_plate,vehicle_type|机动车登记证书,二手车交易发票|《机动车登记规定》|
vehicle_mortgage|机动车抵押登记|C|P||车辆抵押,汽车抵押|vehicle_plate,loan_amount|机动车登记证书,抵押合同|《机动车登记规定》|v=nx
inspection_mark|机动车检验合格标志核发|C|P||年检,车辆年审,检验标志|vehicle_plate|机动车交通事故责任强制保险凭证|《中华人民共和国道路交通安全法》|instant
temp_plate|机动车临时号牌核发|C|P||临时牌照,临牌|vehicle_type|机动车来历证明|《机动车登记规定》|
licence_audit|机动车驾驶证审验|C|P||驾照审验,驾驶证年审|vehicle_type|身体条件证明|《机动车驾驶证申领和使用规定》|
hukou_certificate|户籍证明开具|S|P|identity|户籍证明,户口证明,开户籍证明|apply_reason||《中华人民共和国户口登记条例》|instant
kinship_certificate|亲属关系证明开具|S|P|identity|亲属关系证明,开亲属证明|partner_name,partner_id,apply_reason|户口簿|《中华人民共和国户口登记条例》|
""",
"rsj": """
employment_card|就业创业证申领|S|P|employment|就业创业证,失业证,就业证|employer|近期免冠照片|《就业服务与就业管理规定》|
flexible_insurance|灵活就业人员参保登记|S|P|social_security,employment|灵活就业社保,个人交社保,自己交社保|insurance_type,bank_account|户口簿|《中华人民共和国社会保险法》|v=ncx
pension_transfer|基本养老保险关系转移接续|S|P|social_security,employment|养老保险转移,社保转移,转社保|from_area,to_area|参保缴费凭证|《城镇企业职工基本养老保险关系转移接续暂行办法》|
rights_record|个人权益记录查询打印|S|P|social_security|社保缴费记录,查社保,社保清单|?contact_email||《中华人民共和国社会保险法》|instant
work_injury_recognition|工伤认定|C|P|employment,social_security|工伤,认定工伤,上班受伤|employer_uscc,injury_date|劳动关系证明,医疗诊断证明|《工伤保险条例》|q=agent
work_injury_benefit|工伤保险待遇核定支付|B|P|employment,social_security|工伤赔偿,工伤待遇,工伤报销|amount,bank_account|工伤认定决定书,医疗费用票据|《工伤保险条例》|
survivor_benefit|丧葬补助金、抚恤金申领|B|P|bereavement,social_security|丧葬费,抚恤金,去世领钱|deceased_name,deceased_id,death_date,bank_account|户籍注销证明,亲属关系证明|《中华人民共和国社会保险法》|v=n
startup_subsidy|一次性创业补贴申领|B|P|employment|创业补贴,创业补助|company_uscc,bank_account|营业执照,场地租赁合同|《就业补助资金管理办法》|v=n
training_subsidy|职业培训补贴申领|B|P|employment|培训补贴,技能培训补贴|bank_account|职业资格证书,培训费发票|《就业补助资金管理办法》|v=n
labour_dispatch|劳务派遣经营许可|L|O|operation|劳务派遣许可证,劳务派遣|registered_capital,premises|经营场所证明,劳务派遣管理制度|《劳务派遣行政许可实施办法》|v=ncrx
hr_service|人力资源服务许可|L|O|operation|人力资源许可,职业中介,猎头|premises|经营场所证明,专职工作人员资格证明|《人力资源市场暂行条例》|v=ncrx
special_hours|企业实行不定时工作制和综合计算工时工作制审批|L|O|operation|综合工时,不定时工作制|employee_count|实行特殊工时的岗位说明,职工意见|《中华人民共和国劳动法》|v=nr
professional_title|专业技术职称评审|C|P|talent,employment|评职称,职称评审,职称|education,employer|学历学位证书,业绩成果证明材料|《职称评审管理暂行规定》|win=w_talent
social_card_reissue|社会保障卡补换|S|P|social_security|社保卡丢了,补社保卡,换社保卡|reissue_reason,mailing|近期免冠照片|《社会保障卡管理办法》|
employer_insurance|单位社会保险登记|C|O|change|单位社保变更,单位社保注销||登记事项变更证明|《中华人民共和国社会保险法》|v=cx win=w_market
employment_registration|就业登记|S|O|employment|员工入职登记,用工备案,招工登记|employee_count|劳动合同|《就业服务与就业管理规定》|
employee_insurance|职工参保登记|S|O|employment,social_security|员工参保,新员工交社保,增员|employee_count,insurance_type|劳动合同|《中华人民共和国社会保险法》|
wage_guarantee|工资保证金存储|F|O|operation,construction|农民工工资保证金,工资保证金|total_investment|施工合同|《保障农民工工资支付条例》|v=nc
skill_subsidy|技能提升补贴申领|B|P|employment|技能补贴,考证补贴|bank_account|职业技能等级证书|《失业保险金申领发放办法》|v=n
qualification_auth|社会保险待遇领取资格认证|S|P|retirement,social_security|养老金认证,刷脸认证,领取资格认证|bank_account||《中华人民共和国社会保险法》|old instant
employee_pension_enrol|企业职工基本养老保险个人参保登记|S|P|social_security,employment|职工养老保险,个人参保|employer,insurance_type|劳动合同|《中华人民共和国社会保险法》|v=ncx
stable_job_refund|失业保险稳岗返还|B|O|employment,operation|稳岗返还,稳岗补贴|employee_count,amount|银行账户信息|《失业保险条例》|v=n
internship_subsidy|就业见习补贴申领|B|O|employment|见习补贴,就业见习|employee_count,amount|见习协议,见习人员名单|《就业补助资金管理办法》|v=n
back_payment|社会保险费补缴|S|O|social_security|补缴社保,社保补缴|employee_count,amount|补缴人员名单,工资发放凭证|《中华人民共和国社会保险法》|
wage_base|社会保险缴费基数申报|S|O|social_security,operation|社保基数申报,缴费基数|employee_count,amount|工资总额证明|《中华人民共和国社会保险法》|
early_retirement|特殊工种提前退休审批|C|P|retirement|提前退休,特殊工种退休|birth_date,employer|特殊工种证明,个人档案|《国务院关于工人退休、退职的暂行办法》|old
""",
"ybj": """
flexible_medical|灵活就业人员医疗保险参保登记|S|P|social_security,employment|灵活就业医保,个人交医保|bank_account|户口簿|《中华人民共和国社会保险法》|v=ncx
remote_medical_filing|异地就医备案|F|P|social_security|异地就医,外地看病,异地报销备案|to_area,period_start,period_end|异地居住证明|《基本医疗保险跨省异地就医直接结算管理办法》|v=nx
chronic_disease|门诊慢特病待遇认定|C|P|social_security|慢性病,慢特病,门特|disease_name|诊断证明,病历资料|《中华人民共和国社会保险法》|
sporadic_reimbursement|零星医疗费用报销|B|P|social_security|医药费报销,看病报销,手工报销|medical_cost,bank_account|医疗费用票据,费用明细清单,出院小结|《中华人民共和国社会保险法》|v=n
retiree_medical|退休人员医疗保险待遇核定|C|P|retirement,social_security|退休医保,退休人员医保|retire_date,bank_account|退休审批表|《中华人民共和国社会保险法》|old
student_medical|学生城乡居民医疗保险参保登记|S|P|school,social_security|学生医保,孩子医保,少儿医保|child_name,child_id,child_birth_date,school_name|子女户口簿|《中华人民共和国社会保险法》|
medical_assistance|医疗救助申请|B|P|assistance|医疗救助,大病救助,看病困难|medical_cost,household_size,monthly_income|医疗费用票据,困难证明|《社会救助暂行办法》|q=income
payment_certificate|参保缴费凭证打印|S|P|social_security|医保缴费证明,参保证明|?contact_email||《中华人民共和国社会保险法》|instant
designated_institution|定点医药机构申请|F|O|operation|医保定点,定点药店,定点医院|premises|医保管理制度,信息系统说明|《医疗机构医疗保障定点管理暂行办法》|v=ncx
insurance_info_change|城乡居民医疗保险参保信息变更|S|P|social_security|医保信息变更,医保停保|change_content|户口簿|《中华人民共和国社会保险法》|
maternity_benefit|职工生育保险待遇核定|B|P|maternity,social_security|生育保险,生育待遇|employer_uscc,bank_account|结婚证,出生医学证明|《中华人民共和国社会保险法》|v=n
long_term_care|长期护理保险待遇申请|B|P|retirement,assistance|长护险,失能护理|disability_level,bank_account|失能评估表|《中华人民共和国社会保险法》|
outpatient_mutual|职工医保门诊共济保障|S|P|social_security|门诊共济,家庭共济|?members|户口簿|《中华人民共和国社会保险法》|
insurance_pause|职工医保暂停参保|S|O|social_security|医保停保,医保减员|employee_count|减员人员名单|《中华人民共和国社会保险法》|
""",
"scjg": """
individual_business|个体工商户登记|L|P|startup|个体户,办个体执照,摆摊执照|premises,business_scope|经营场所证明|《促进个体工商户发展条例》|v=ncx
company_change_registration|企业变更登记|L|O|change|公司变更,改公司名,换法人,改地址|change_content,?shareholders|变更登记申请书,股东会决议|《中华人民共和国市场主体登记管理条例》|v=n iss=@business_licence
company_filing|企业备案|F|O|change|章程备案,董事备案,高管备案|change_content|章程修正案|《中华人民共和国市场主体登记管理条例》|v=n
company_deregistration|企业注销登记|L|O|closure|公司注销,注销公司,关公司|cancel_reason|清算报告,清税证明|《中华人民共和国市场主体登记管理条例》|v=n
simple_deregistration|企业简易注销登记|L|O|closure|简易注销,快速注销|cancel_reason|全体投资人承诺书|《中华人民共和国市场主体登记管理条例》|v=n
branch_registration|分公司登记|L|O|startup|开分公司,设立分公司|premises|隶属企业营业执照,经营场所证明|《中华人民共和国市场主体登记管理条例》|v=ncx
coop_registration|农民专业合作社登记|L|O|startup|合作社,办合作社|registered_capital|成员名册,合作社章程|《中华人民共和国农民专业合作社法》|v=ncx
food_production|食品生产许可|L|O|operation|食品生产许可证,SC证,食品厂|premises,floor_area|生产设备布局图,食品安全管理制度|《中华人民共和国食品安全法》|v=ncrxb iss=食品生产许可证 q=site
small_catering|小餐饮登记|C|P|startup,operation|小吃店,小餐馆登记,小餐饮|premises,floor_area|经营场所证明,从业人员健康证明|《中华人民共和国食品安全法》|v=ncx
food_workshop|食品小作坊登记|C|P|operation|小作坊,食品作坊|premises|经营场所证明,从业人员健康证明|《中华人民共和国食品安全法》|v=ncx
special_equipment_use|特种设备使用登记|C|O|operation|电梯登记,锅炉登记,特种设备|equipment_count|特种设备监督检验证明,产品合格证|《中华人民共和国特种设备安全法》|v=ncx
special_equipment_operator|特种设备安全管理和作业人员资格认定|L|P|employment|电梯证,叉车证,特种设备作业证|education|考试合格证明,健康体检证明|《中华人民共和国特种设备安全法》|v=nrb
drug_retail|药品零售企业经营许可|L|O|operation,startup|开药店,药店许可证,药品经营许可证|premises,floor_area|执业药师注册证,药品质量管理制度|《中华人民共和国药品管理法》|v=ncrxb q=site
medical_device_filing|第二类医疗器械经营备案|F|O|operation|医疗器械备案,二类器械|premises|质量管理制度,经营场所证明|《医疗器械监督管理条例》|v=ncx
equity_pledge|股权出质登记|C|O|operation|股权质押,股权出质|amount|质押合同|《股权出质登记办法》|v=ncx
movable_mortgage|动产抵押登记|C|O|operation|动产抵押,设备抵押|amount|抵押合同|《中华人民共和国民法典》|v=ncx
measuring_standard|计量标准器具核准|L|O|operation|计量标准,计量器具|equipment_count|计量标准技术报告,检定证书|《中华人民共和国计量法》|v=ncrx
food_business|食品经营许可|L|O|operation|食品经营许可证变更,食品许可证延续|premises|经营场所证明|《中华人民共和国食品安全法》|v=crxb
ad_registration|广告发布登记|L|O|operation|广告发布登记,媒体广告|premises|广告审查人员名单,广告业务管理制度|《中华人民共和国广告法》|v=ncx
licence_reissue|营业执照遗失补领、换发|C|O|identity|营业执照丢了,补营业执照,换营业执照|reissue_reason|遗失声明|《中华人民共和国市场主体登记管理条例》|v=n
individual_to_company|个体工商户转型为企业|L|P|startup,change|个转企,个体户转公司|premises,registered_capital|个体工商户营业执照,公司章程|《促进个体工商户发展条例》|v=n
abnormal_removal|经营异常名录移出|F|O|operation|移出异常名录,经营异常,年报补报|apply_reason|移出经营异常名录申请书|《企业经营异常名录管理暂行办法》|v=n
credit_repair|行政处罚信息信用修复|S|O|operation|信用修复,修复信用,失信修复|apply_reason|信用修复申请书,已履行处罚决定的证明|《市场监督管理信用修复管理办法》|
prepack_food_filing|仅销售预包装食品备案|F|O|operation,startup|预包装食品备案,卖零食备案,小超市备案|premises|经营场所证明|《中华人民共和国食品安全法》|v=ncx
""",
"sw": """
tax_deregistration|注销税务登记|C|O|closure|税务注销,清税,注销税号|cancel_reason|税务注销申请表|《中华人民共和国税收征收管理法》|v=n iss=清税证明
tax_info_change|税务登记信息变更|C|O|change|税务变更,变更税务登记|change_content|变更登记申请书|《中华人民共和国税收征收管理法》|v=n
tax_payment_certificate|完税证明开具|S|P|housing|完税证明,纳税证明,开税单|?contact_email||《税收票证管理办法》|instant
iit_reconciliation|个人所得税综合所得汇算清缴|S|P|employment|个税退税,个税汇算,退税|bank_account,amount||《中华人民共和国个人所得税法》|
vat_general|增值税一般纳税人登记|C|O|operation|一般纳税人,升级一般纳税人|invoice_type|财务会计核算制度|《增值税一般纳税人登记管理办法》|v=n
cross_region_tax|跨区域涉税事项报告|S|O|operation,construction|外经证,跨区域报验|period_start,period_end|跨区域经营合同|《中华人民共和国税收征收管理法》|
tax_reduction_filing|税收减免备案|F|O|operation|减免税,税收优惠备案|amount|减免税依据材料|《中华人民共和国税收征收管理法》|v=nx
vehicle_purchase_tax|车辆购置税申报|Z|P||车购税,买车交税|vehicle_type,amount|机动车销售统一发票|《中华人民共和国车辆购置税法》|
deed_tax|契税申报|Z|P|housing|契税,买房交税,房产税费|house_address,floor_area,amount|不动产买卖合同|《中华人民共和国契税法》|
resident_insurance_premium|城乡居民社会保险费缴纳|Z|P|social_security|交居民医保,交城乡居民养老,社保缴费|insurance_type,bank_account||《中华人民共和国社会保险法》|
invoice_limit|增值税专用发票最高开票限额审批|L|O|operation|发票限额,提高开票额度,百万版|amount|开票限额申请说明|《中华人民共和国发票管理办法》|v=n
invoice_supplement|发票增版增量|S|O|operation|增加发票,发票不够用,发票增量|invoice_type|发票领用簿|《中华人民共和国发票管理办法》|
property_tax|房产税、城镇土地使用税申报|Z|O|operation|房产税,土地使用税|floor_area,land_area,amount|不动产权证书|《中华人民共和国房产税暂行条例》|
stamp_duty|印花税申报|Z|O|operation|印花税,合同印花税|amount|应税合同|《中华人民共和国印花税法》|
fixed_quota|个体工商户定期定额核定|C|P|operation|定额税,个体户定税|premises,amount|经营情况说明|《个体工商户税收定期定额征收管理办法》|v=nc
export_refund_filing|出口退（免）税备案|F|O|operation|出口退税备案,退税备案|amount|对外贸易经营者备案登记表|《出口货物劳务增值税和消费税管理办法》|v=ncx
invoice_issuing|个人代开增值税发票|S|P|operation,employment|代开发票,个人开发票,劳务费发票|amount,apply_reason|合同或协议|《中华人民共和国发票管理办法》|
""",
"zrzy": """
house_transfer|房屋所有权转移登记（二手房）|C|P|housing|二手房过户,房产过户,买二手房|house_address,floor_area,amount|不动产买卖合同,不动产权证书,完税证明|《不动产登记暂行条例》|v=n iss=不动产权证书 q=agent
mortgage_registration|不动产抵押权登记|C|P|housing|房产抵押,抵押登记,房贷抵押|house_address,loan_amount|借款合同,抵押合同,不动产权证书|《不动产登记暂行条例》|v=ncx
real_estate_change|不动产变更登记|C|P|housing|房产证变更,改房产证|house_address,change_content|不动产权证书|《不动产登记暂行条例》|v=n
real_estate_correction|不动产更正登记|C|P|housing|房产证更正,房产证错了|house_address|不动产权证书,更正依据材料|《不动产登记暂行条例》|v=n
real_estate_reissue|不动产权证书补发|C|P|housing|房产证丢了,补房产证|house_address,reissue_reason|不动产权证书遗失声明|《不动产登记暂行条例》|v=n
real_estate_query|不动产登记资料查询|S|P|housing|查房产,房产查询,有无房证明|?contact_email||《不动产登记资料查询暂行办法》|instant
pre_registration|不动产预告登记|C|P|housing|预告登记,期房预告|house_address,amount|商品房预售合同|《中华人民共和国民法典》|v=nx
site_selection|建设项目用地预审与选址意见书核发|L|J|construction|用地预审,选址意见书,选址|land_area|建设项目用地预审申请表,项目建议书|《中华人民共和国土地管理法》|v=nc win=w_build
planning_verification|建设工程规划条件核实|C|J|construction|规划核实,规划验收|floor_area|竣工测量报告,建设工程规划许可证|《中华人民共和国城乡规划法》|win=w_build
rural_planning|乡村建设规划许可|L|P|housing,construction|农村建房,村里盖房,乡村规划许可|house_address,floor_area|宅基地批准文件,建房设计图|《中华人民共和国城乡规划法》|v=nc
survey_qualification|测绘资质审批|L|O|operation|测绘资质,测绘证书|employee_count|技术人员名单,仪器设备清单|《中华人民共和国测绘法》|v=ncrx
land_use_change|国有建设用地使用条件变更审批|L|O|construction|改变土地用途,土地用途变更|land_area|土地出让合同,规划条件|《中华人民共和国城市房地产管理法》|v=n win=w_build
temporary_land|临时用地审批|L|O|construction|临时用地,临时占地|land_area,period_start,period_end|临时用地复垦方案|《中华人民共和国土地管理法》|v=nr win=w_build
eng_planning|建设工程规划许可证核发|L|J|construction|工规证变更|floor_area|建设工程规划许可证|《中华人民共和国城乡规划法》|v=c win=w_build
residence_right|居住权登记|C|P|housing,retirement|居住权,设立居住权|house_address|居住权合同,不动产权证书|《中华人民共和国民法典》|v=nx
easement|地役权登记|C|O|construction|地役权,通行权登记|land_area|地役权合同,不动产权证书|《不动产登记暂行条例》|v=ncx
""",
"zj": """
presale_permit|商品房预售许可|L|O|housing,operation|预售证,卖期房|floor_area|工程施工进度证明,预售方案|《城市商品房预售管理办法》|v=nc q=site
construction_qualification|建筑业企业资质核准|L|O|operation|建筑资质,施工资质|registered_capital,employee_count|技术负责人资格证明,企业资产证明|《建筑业企业资质管理规定》|v=ncrx
developer_qualification|房地产开发企业资质核定|L|O|operation|开发资质,房开资质|registered_capital|专业技术人员名单|《城市房地产开发经营管理条例》|v=ncrx
property_contract_filing|前期物业服务合同备案|F|O|housing,operation|物业合同备案,物业备案|house_address|前期物业服务合同,临时管理规约|《物业管理条例》|
house_lease_filing|房屋租赁登记备案|F|P|housing|租房备案,租赁合同备案,房屋出租登记|house_address,lease_start,lease_end,amount|房屋租赁合同,不动产权证书|《商品房屋租赁管理办法》|v=ncx
public_rental|公共租赁住房申请|B|P|housing,assistance|公租房,申请公租房,廉租房|household_size,monthly_income,?members|家庭收入情况说明,无房证明|《公共租赁住房管理办法》|v=ncs q=income
gas_business|燃气经营许可|L|O|operation|燃气许可证,卖液化气|premises|安全评价报告,从业人员培训证明|《城镇燃气管理条例》|v=ncrx
road_excavation|城市道路占用、挖掘审批|L|O|construction|挖路审批,占道施工,开挖道路|location,period_start,period_end|施工方案,交通疏导方案|《城市道路管理条例》|v=nr
construction_waste|城市建筑垃圾处置核准|L|O|construction|建筑垃圾,渣土处置|period_start,period_end|建筑垃圾处置方案,运输合同|《城市建筑垃圾管理规定》|v=nr
fire_acceptance|特殊建设工程消防验收|L|J|construction|消防验收,消防竣工验收|floor_area|工程竣工验收报告,消防设施检测报告|《建设工程消防设计审查验收管理暂行规定》|v=n
fire_filing|其他建设工程消防验收备案|F|J|construction|消防备案,消防验收备案|floor_area|工程竣工验收报告|《建设工程消防设计审查验收管理暂行规定》|v=n
drawing_review_filing|施工图设计文件审查备案|F|J|construction|施工图备案,图审备案|floor_area|施工图审查合格书|《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》|v=n
crane_registration|建筑起重机械使用登记|C|O|construction|塔吊登记,起重机械登记|equipment_count|起重机械检验合格证明,安装验收资料|《建筑起重机械安全监督管理规定》|v=ncx
contract_filing|商品房买卖合同网签备案|F|P|housing|网签,合同备案,买房备案|house_address,floor_area,amount|商品房买卖合同|《城市商品房预售管理办法》|v=nx
fund_supervision|存量房交易资金监管|S|P|housing|资金监管,二手房资金监管|house_address,amount|存量房买卖合同|《中华人民共和国城市房地产管理法》|
property_enterprise|物业服务企业信息登记|F|O|operation|物业公司备案,物业企业登记|employee_count|物业服务人员名单|《物业管理条例》|v=ncx
housing_subsidy_rent|城镇住房保障家庭租赁补贴|B|P|housing,assistance|租房补贴,住房租赁补贴|household_size,monthly_income,lease_start,lease_end|房屋租赁合同,家庭收入情况说明|《公共租赁住房管理办法》|v=ncs
outdoor_ads|户外广告设施设置审批|L|O|operation|户外广告延期,广告牌延期|location,area_sqm|设计效果图|《城市市容和环境卫生管理条例》|v=cr
construction_permit_sub|建筑工程施工许可证核发|L|J|construction|施工许可证变更,施工许可延期|floor_area|建筑工程施工许可证|《中华人民共和国建筑法》|v=cx
""",
"rcfz": """
talent_service_card|人才服务卡申领|S|P|talent|人才卡,英才卡,人才绿卡|education,employer|人才证书|《关于深化人才发展体制机制改革的意见》|v=nb
graduate_subsidy|高校毕业生租房和生活补贴申领|B|P|talent,housing,employment|毕业生补贴,大学生租房补贴,应届生补贴|education,employer,bank_account|学历学位证书,劳动合同|《关于深化人才发展体制机制改革的意见》|v=ncs
talent_spouse_job|人才配偶就业安置|S|P|talent,employment|人才家属就业,配偶安置|spouse_id,employer|结婚证,人才证书|《关于深化人才发展体制机制改革的意见》|
postdoc_funding|博士后日常经费资助申领|B|O|talent|博士后经费,博士后资助|amount|博士后进站证明|《博士后管理工作规定》|v=n
talent_medical|高层次人才医疗保健服务|S|P|talent|人才体检,人才就医|employer|人才证书|《关于深化人才发展体制机制改革的意见》|
innovation_funding|创新创业人才项目资助申报|R|O|talent|人才项目资助,创业资助|amount,project_name|项目申报书|《关于深化人才发展体制机制改革的意见》|
talent_apartment|人才公寓配租|S|P|talent,housing|人才公寓,人才房|household_size,employer|劳动合同,无房证明|《关于深化人才发展体制机制改革的意见》|v=nx
settling_allowance|人才安家费申领|B|P|talent,housing|安家费,安家补贴|bank_account,employer|人才证书,劳动合同|《关于深化人才发展体制机制改革的意见》|v=n
foreign_work|外国人来华工作许可|L|P|talent,employment|外国人工作证延期,工作许可变更|nationality,passport_no,employer_uscc|护照,聘用合同|《外国人在中国就业管理规定》|v=crx
talent_purchase|引进人才购房资格认定|C|P|talent,housing|人才购房,购房资格,买房资格|employer,household_size|劳动合同,社会保险缴费凭证|《关于深化人才发展体制机制改革的意见》|
talent_purchase_subsidy|人才购房补贴申领|B|P|talent,housing|人才买房补贴,购房补贴|employer,amount,bank_account|购房合同,人才证书|《关于深化人才发展体制机制改革的意见》|v=n
""",
"gjj": """
withdrawal_purchase|住房公积金提取（购买自住住房）|B|P|housing|买房提公积金,购房提取|amount,bank_account|购房合同,购房发票|《住房公积金管理条例》|v=n
withdrawal_retirement|住房公积金提取（离休、退休）|B|P|retirement,housing|退休提公积金,退休销户|amount,bank_account,retire_date|退休证明|《住房公积金管理条例》|v=n old
withdrawal_repayment|住房公积金提取（偿还购房贷款本息）|B|P|housing|还贷提取,提公积金还房贷|amount,bank_account|借款合同|《住房公积金管理条例》|v=n
withdrawal_death|住房公积金提取（职工死亡或被宣告死亡）|B|P|bereavement,housing|去世提公积金,继承公积金|deceased_name,deceased_id,death_date,bank_account|户籍注销证明,继承权公证书|《住房公积金管理条例》|v=n
withdrawal_illness|住房公积金提取（重大疾病）|B|P|assistance,housing|大病提公积金|amount,bank_account|诊断证明,医疗费用票据|《住房公积金管理条例》|v=n
personal_account|住房公积金个人账户设立|S|O|employment,housing|员工公积金开户,公积金增员|employee_count|职工名册,劳动合同|《住房公积金管理条例》|
account_transfer|住房公积金异地转移接续|S|P|housing,employment|公积金转移,公积金转入|from_area|原缴存地证明|《住房公积金管理条例》|
deposit_base|住房公积金缴存基数调整|S|O|operation|公积金基数调整,调基数|employee_count,deposit_rate|工资总额证明|《住房公积金管理条例》|
loan_prepayment|住房公积金贷款提前还款|S|P|housing|提前还贷,公积金提前还款|amount,bank_account|借款合同|《住房公积金管理条例》|
loan_clearance|住房公积金贷款结清证明开具|S|P|housing|结清证明,还清贷款证明|?contact_email||《住房公积金管理条例》|instant
deposit_certificate|住房公积金缴存证明打印|S|P|housing|公积金缴存证明,公积金证明|?contact_email||《住房公积金管理条例》|instant
unit_deposit|单位住房公积金缴存登记|S|O|change|单位公积金变更,单位公积金注销||登记事项变更证明|《住房公积金管理条例》|v=cx
flexible_deposit|灵活就业人员缴存住房公积金|S|P|housing,employment|个人交公积金,自由职业公积金|bank_account,amount|户口簿|《住房公积金管理条例》|v=nx
remote_loan_certificate|住房公积金异地贷款缴存使用证明|S|P|housing|异地贷款证明,公积金异地贷款|?contact_email||《住房公积金管理条例》|instant
withdrawal_elevator|住房公积金提取（既有住宅加装电梯）|B|P|housing|加装电梯提公积金|amount,bank_account,house_address|加装电梯协议,费用票据|《住房公积金管理条例》|v=n
""",
"mz": """
social_org|社会团体登记|L|O|startup|成立协会,社团登记,商会登记|registered_capital,address|章程草案,会员名单|《社会团体登记管理条例》|v=ncx
private_non_enterprise|民办非企业单位登记|L|O|startup|民非登记,社会服务机构|registered_capital,address|章程草案,验资报告|《民办非企业单位登记管理暂行条例》|v=ncx
foundation|基金会登记|L|O|startup|成立基金会|registered_capital|章程草案,验资报告|《基金会管理条例》|v=ncx
elderly_care_filing|养老机构备案|F|O|operation,retirement|养老院备案,开养老院|beds,premises|消防安全检查合格证明,服务设施说明|《中华人民共和国老年人权益保障法》|v=ncx
divorce_registration|内地居民离婚登记|C|P|marriage|离婚,办离婚,离婚登记|gender,partner_name,partner_id|结婚证,户口簿,离婚协议书|《中华人民共和国民法典》|v=n
marriage_cert_reissue|补领结婚证|C|P|marriage|结婚证丢了,补结婚证|partner_name,partner_id|户口簿,婚姻登记档案证明|《婚姻登记条例》|v=n
adoption_registration|收养登记|C|P|birth|领养孩子,收养|child_name,?married,?spouse_id|收养人健康检查证明,被收养人情况证明|《中华人民共和国民法典》|v=nx
orphan_allowance|孤儿基本生活费发放|B|P|assistance|孤儿补贴,孤儿生活费|child_name,child_id,child_birth_date,bank_account|父母死亡证明,户口簿|《国务院办公厅关于加强孤儿保障工作的意见》|v=ncs
funeral_reduction|基本殡葬服务费用减免|B|P|bereavement|殡葬补贴,火化费减免,丧葬费减免|deceased_name,deceased_id,death_date|户籍注销证明,火化证明|《殡葬管理条例》|v=n
place_naming|地名命名、更名审批|L|O|construction|路名命名,小区命名,地名|project_name|命名方案,论证材料|《地名管理条例》|v=n
charity_recognition|慈善组织认定|C|O|operation|慈善组织,公益组织认定|registered_capital|章程,财务会计报告|《中华人民共和国慈善法》|
funeral_facility|殡葬设施建设审批|L|O|construction|建公墓,公墓审批|land_area|建设用地规划许可证,可行性研究报告|《殡葬管理条例》|v=n
cross_marriage|涉外、涉港澳台居民结婚登记|C|P|marriage|涉外结婚,外国人结婚,和香港人结婚|gender,partner_name,nationality,passport_no|护照,无配偶声明书|《婚姻登记条例》|
elderly_meal|老年人助餐服务补贴|B|P|retirement|老年食堂,助餐补贴,老人吃饭补贴|senior_name,senior_id,senior_birth_date|户口簿|《中华人民共和国老年人权益保障法》|v=ns
social_worker|社会工作者职业水平证书登记|C|P|employment|社工证,社工登记|education,employer|社会工作者职业水平证书|《社会工作者职业水平评价暂行规定》|v=ncx
child_allowance|困境儿童基本生活保障|B|P|assistance|困境儿童补贴|child_name,child_id,child_birth_date,bank_account|困境情况证明|《国务院关于加强困境儿童保障工作的意见》|v=ncs
""",
"jy": """
private_school|民办学校办学许可|L|O|operation,school|办学许可证,民办学校|address,registered_capital|办学章程,校舍证明|《中华人民共和国民办教育促进法》|v=ncrx
teacher_qualification|教师资格认定|C|P|employment,talent|教师资格证,认定教资,教资|education,birth_date|教师资格考试合格证明,体检合格证明,学历学位证书|《教师资格条例》|v=nb iss=教师资格证书
student_aid|家庭经济困难学生资助申请|B|P|school,assistance|助学金,贫困生资助,学生补助|child_name,child_id,child_birth_date,school_name,household_size|家庭经济困难情况说明|《学生资助资金管理办法》|
student_transfer|中小学生转学|S|P|school|转学,孩子转学|child_name,child_id,child_birth_date,school_name,grade|学籍信息表|《中小学生学籍管理办法》|
academic_certificate|学历证明书开具|S|P|school,employment|毕业证丢了,学历证明,补毕业证|school_name,?contact_email|近期免冠照片|《中华人民共和国教育法》|
off_campus_training|校外培训机构审批|L|O|operation,school|培训机构,开培训班|premises,floor_area|培训场所证明,师资情况|《中华人民共和国民办教育促进法》|v=ncx
school_bus|校车使用许可|L|O|school|校车,校车许可|vehicle_count|校车驾驶人资格证明,车辆检验合格证明|《校车安全管理条例》|v=nrx
gaokao_registration|普通高考报名资格审核|S|P|school|高考报名,随迁子女高考|child_name,child_id,child_birth_date,school_name|学籍证明,户口簿|《中华人民共和国教育法》|
student_status|学籍证明开具|S|P|school|学籍证明,在读证明|child_name,child_id,child_birth_date,school_name|户口簿|《中小学生学籍管理办法》|instant
special_education|适龄残疾儿童少年入学评估|S|P|school,assistance|残疾儿童入学,特殊教育|child_name,child_id,child_birth_date,disability_level|残疾人证|《残疾人教育条例》|
kindergarten_grading|幼儿园等级评定|R|O|school|幼儿园评级,示范幼儿园|floor_area|办园情况自评报告|《幼儿园管理条例》|
student_record_correction|学籍信息变更更正|S|P|school|学籍变更,改学籍信息|child_name,child_id,child_birth_date,school_name,change_content|户口簿|《中小学生学籍管理办法》|
vocational_aid|中等职业学校国家助学金|B|P|school,assistance|中职助学金,职校补助|child_name,child_id,child_birth_date,school_name,bank_account|家庭经济困难情况说明|《学生资助资金管理办法》|v=n
""",
"jt": """
taxi_driver|巡游出租汽车驾驶员从业资格|L|P|employment|出租车资格证,开出租,的士资格证|vehicle_type|驾驶证,无犯罪记录证明|《出租汽车驾驶员从业资格管理规定》|v=nrb
ride_hailing_vehicle|网络预约出租汽车运输证|L|P|employment|网约车证,跑网约车,网约车运输证|vehicle_type,vehicle_plate|机动车行驶证,车辆保险单|《网络预约出租汽车经营服务管理暂行办法》|v=nrx
ride_hailing_driver|网络预约出租汽车驾驶员证|L|P|employment|网约车司机证,网约车驾驶证|vehicle_type|驾驶证,无犯罪记录证明|《网络预约出租汽车经营服务管理暂行办法》|v=nrb
ride_hailing_platform|网络预约出租汽车经营许可|L|O|operation|网约车平台,网约车经营许可|premises|服务能力证明,网络平台安全保障方案|《网络预约出租汽车经营服务管理暂行办法》|v=ncx
road_passenger|道路旅客运输经营许可|L|O|operation|客运许可,跑客运,旅游包车|vehicle_count|车辆清单及行驶证,安全生产管理制度|《中华人民共和国道路运输条例》|v=ncrx q=site
vehicle_operation|道路运输证配发|L|O|operation|营运证,道路运输证,办营运证|vehicle_plate,vehicle_type|机动车行驶证,车辆技术等级评定|《中华人民共和国道路运输条例》|v=nhx
repair_filing|机动车维修经营备案|F|O|operation,startup|开修车厂,汽修备案,维修备案|premises,floor_area|维修设备设施清单,技术人员资格证明|《机动车维修管理规定》|v=ncx
driver_training_filing|机动车驾驶员培训经营备案|F|O|operation|驾校备案,开驾校|premises,vehicle_count|教练场地证明,教练员资格证明|《机动车驾驶员培训管理规定》|v=ncx
freight_driver|道路货物运输驾驶员从业资格|L|P|employment|货运资格证,跑货车资格证|vehicle_type|驾驶证|《道路运输从业人员管理规定》|v=nrb
port_operation|港口经营许可|L|O|operation|港口许可,码头经营|premises|港口设施证明,安全生产管理制度|《港口经营管理规定》|v=ncrx
oversize_transport|超限运输车辆行驶公路许可|L|O|operation|大件运输,超限许可|vehicle_plate,period_start,period_end|车辆行驶证,运输方案|《公路安全保护条例》|v=n
road_occupation|占用、挖掘公路审批|L|O|construction|占用公路,挖公路|location,period_start,period_end|施工方案,安全保障措施|《中华人民共和国公路法》|v=nr
water_transport|国内水路运输经营许可|L|O|operation|水路运输,游艇经营,海上观光|vehicle_count|船舶证书,安全管理制度|《国内水路运输管理条例》|v=ncrx
road_freight|道路货物运输经营许可|L|O|operation|道路运输许可变更,货运许可延续|vehicle_count|车辆清单及行驶证|《中华人民共和国道路运输条例》|v=crx
taxi_business|巡游出租汽车经营许可|L|O|operation|出租车公司,出租汽车经营|vehicle_count|车辆清单及行驶证,经营管理制度|《巡游出租汽车经营服务管理规定》|v=ncrx
senior_bus_card|老年人乘车优待卡办理|S|P|retirement|老人公交卡,敬老卡,老年卡|live_area|近期免冠照片|《中华人民共和国老年人权益保障法》|old
""",
"stj": """
pollutant_permit|排污许可|L|O|operation,construction|排污证,排污许可证|daily_discharge|排污许可证申请表,自行监测方案|《排污许可管理条例》|v=ncrx iss=排污许可证 q=site
eia_report|建设项目环境影响报告书审批|L|J|construction|环评报告书,大环评|total_investment|环境影响报告书（表）,公众参与说明|《中华人民共和国环境影响评价法》|v=n
eia_registration|建设项目环境影响登记表备案|F|J|construction|环评登记表,环评备案|total_investment|环境影响登记表|《中华人民共和国环境影响评价法》|v=n
hazardous_waste|危险废物经营许可|L|O|operation|危废许可,危废经营|premises|危险废物经营设施说明,污染防治措施|《危险废物经营许可证管理办法》|v=ncrx
radiation_safety|辐射安全许可|L|O|operation|辐射许可证,射线装置|premises|辐射安全管理制度,辐射工作人员培训证明|《放射性同位素与射线装置安全和防护条例》|v=ncrx
waste_transfer|危险废物跨省转移审批|L|O|operation|危废转移,危废跨省|amount|转移计划,接收单位经营许可证|《中华人民共和国固体废物污染环境防治法》|v=n
emergency_plan_env|突发环境事件应急预案备案|F|O|operation|环境应急预案,应急预案备案|premises|环境应急预案,环境风险评估报告|《突发环境事件应急管理办法》|v=nc
night_construction|夜间施工噪声排放审批|L|O|construction|夜间施工,晚上施工审批|location,period_start,period_end|夜间施工必要性说明,降噪措施|《中华人民共和国噪声污染防治法》|v=n
""",
"fgw": """
project_approval|企业投资项目核准|L|J|construction|项目核准,投资核准|total_investment,land_area|项目申请报告,用地预审意见|《企业投资项目核准和备案管理条例》|v=nc
proposal_approval|政府投资项目建议书审批|L|J|construction|项目建议书,立项审批|total_investment|项目建议书|《政府投资条例》|v=n
feasibility_approval|政府投资项目可行性研究报告审批|L|J|construction|可研审批,可研报告|total_investment|可行性研究报告|《政府投资条例》|v=n
energy_review|固定资产投资项目节能审查|L|J|construction|节能审查,能评|total_investment|节能报告|《固定资产投资项目节能审查办法》|v=n
bidding_approval|招标事项核准|L|J|construction|招标核准,招标方案|total_investment|招标方案|《中华人民共和国招标投标法实施条例》|v=n
foreign_project_filing|外商投资项目备案|F|J|construction|外资项目备案|total_investment|项目基本情况表|《外商投资项目核准和备案管理办法》|v=nc
preliminary_design|政府投资项目初步设计及概算审批|L|J|construction|初步设计,概算审批|total_investment|初步设计文件,投资概算书|《政府投资条例》|v=n
""",
"sw2": """
water_intake|取水许可|L|O|operation|取水证,打井取水,取水许可证|water_volume|水资源论证报告,取水工程说明|《取水许可和水资源费征收管理条例》|v=ncrx
soil_conservation|生产建设项目水土保持方案审批|L|J|construction|水保方案,水土保持|land_area|水土保持方案报告书|《中华人民共和国水土保持法》|v=nc
river_project|河道管理范围内建设项目工程建设方案审批|L|J|construction|河道审批,涉河建设|location|防洪评价报告,工程建设方案|《中华人民共和国河道管理条例》|v=n
water_transfer|用水过户|S|P|housing|水表过户,水费过户,用水更名|house_address|不动产权证书|《城市供水条例》|
water_connection|用水报装|S|P|housing|装水表,开通自来水,用水报装|house_address,floor_area|不动产权证书|《城市供水条例》|
drainage_connection|排水接驳|S|O|construction|排水接驳,污水接管|location|排水设计图|《城镇排水与污水处理条例》|
flood_assessment|洪水影响评价类审批|L|J|construction|洪评,防洪影响评价|land_area|洪水影响评价报告|《中华人民共和国防洪法》|v=n
sand_mining|河道采砂许可|L|O|operation|采砂证,河道采砂|amount,period_start,period_end|采砂方案|《中华人民共和国水法》|v=n
drainage|城镇污水排入排水管网许可|L|O|operation|排水许可变更,排水许可延续|daily_discharge|排水户内部排水管网图|《城镇排水与污水处理条例》|v=crx
""",
"wl": """
internet_cafe|互联网上网服务营业场所经营单位设立审批|L|O|operation,startup|开网吧,网吧许可|premises,floor_area|经营场所证明,消防安全检查合格证明|《互联网上网服务营业场所管理条例》|v=ncx
entertainment|娱乐场所经营许可|L|O|operation,startup|开KTV,歌舞厅许可,娱乐许可证|premises,floor_area|经营场所证明,消防安全检查合格证明|《娱乐场所管理条例》|v=ncrx q=site
performance_licence|营业性演出许可|L|O|operation|演出审批,办演出,演唱会|event_name,period_start,period_end,attendance|演出合同,节目内容说明|《营业性演出管理条例》|v=nc
performance_agency|演出经纪机构设立审批|L|O|operation,startup|演出经纪,演出公司|registered_capital|专职演出经纪人员证明|《营业性演出管理条例》|v=ncx
tour_guide|导游证核发|L|P|employment|导游证,考导游|education|导游资格证,劳动合同|《导游管理办法》|v=nhx
travel_branch_filing|旅行社分社备案|F|O|operation|旅行社分社,门市部备案|premises|分社营业执照,质量保证金交存证明|《旅行社条例》|v=ncx
diving_sports|高危险性体育项目经营许可|L|O|operation|潜水许可,冲浪经营,高危体育|premises|救助人员资格证明,安全保障制度|《经营高危险性体育项目许可管理办法》|v=ncrx q=site
hotel_star|旅游饭店星级评定|R|O|operation|酒店评星,星级酒店|rooms|星级评定申请书|《旅游饭店星级的划分与评定》|
satellite_tv|卫星电视广播地面接收设施安装许可|L|O|operation|卫星电视,安装锅盖|premises|安装设施说明|《卫星电视广播地面接收设施管理规定》|v=nr
homestay_grading|旅游民宿等级评定|R|O|operation|民宿评级,民宿等级|rooms|民宿经营情况说明|《旅游民宿基本要求与等级划分》|
tourism_complaint|旅游投诉受理|S|P|operation|旅游投诉,被宰客,强制购物|apply_reason,amount|消费凭证|《旅游投诉处理办法》|
travel_agency_sub|旅行社业务经营许可|L|O|operation|旅行社变更,旅行社注销|premises|经营场所证明|《旅行社条例》|v=cx
art_business_filing|艺术品经营单位备案|F|O|operation|艺术品备案,画廊备案|premises|经营场所证明|《艺术品经营管理办法》|v=ncx
venue_filing|演出场所经营单位备案|F|O|operation|演出场所备案,剧场备案|premises,floor_area|消防安全检查合格证明|《营业性演出管理条例》|v=ncx
""",
"sf": """
lawyer_practice|律师执业许可|L|P|employment|律师证,律师执业证|employer|法律职业资格证书,实习考核合格证明|《中华人民共和国律师法》|v=ncx
law_firm|律师事务所设立许可|L|O|startup|开律所,律所设立|registered_capital,address|律师事务所章程,合伙协议|《中华人民共和国律师法》|v=ncx
legal_aid|法律援助申请|S|P|assistance|法律援助,免费律师,请不起律师|apply_reason,monthly_income|经济困难状况说明,案件相关材料|《中华人民共和国法律援助法》|q=agent
grassroots_legal|基层法律服务工作者执业核准|L|P|employment|法律服务工作者证|employer|法律职业资格证书|《基层法律服务工作者管理办法》|v=ncx
judicial_appraiser|司法鉴定人执业登记|L|P|employment|司法鉴定人,鉴定人证|employer,education|专业技术职称证书|《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》|v=ncx
notary_appointment|公证事项咨询预约|S|P|identity|办公证,公证预约|apply_reason||《中华人民共和国公证法》|
mediation|人民调解申请|S|P|assistance|调解纠纷,邻里纠纷,人民调解|apply_reason|纠纷情况说明|《中华人民共和国人民调解法》|
""",
"tyjr": """
veteran_info|退役军人信息采集|S|P|employment|退役军人登记,退伍信息采集|enlist_date|退役证|《中华人民共和国退役军人保障法》|
preferential_card|退役军人优待证申领|S|P|employment|优待证,退役军人优待证|enlist_date|退役证,近期免冠照片|《中华人民共和国退役军人保障法》|v=nb
disability_rating|伤残等级评定|C|P|assistance|伤残评定,评残|disability_level|医疗诊断证明,致残经过证明|《伤残抚恤管理办法》|v=nc
martyr_award|烈士褒扬金发放|B|P|bereavement|烈士褒扬金,烈属|deceased_name,deceased_id,death_date,bank_account|烈士证明书,亲属关系证明|《烈士褒扬条例》|v=n
survivor_pension|遗属定期抚恤金申领|B|P|bereavement|遗属抚恤,抚恤金|deceased_name,deceased_id,death_date,bank_account|亲属关系证明,户籍注销证明|《军人抚恤优待条例》|v=ncs
veteran_education|退役士兵教育资助|B|P|school,employment|退役士兵上学,退役资助|school_name,bank_account|退役证,录取通知书|《退役士兵安置条例》|v=n
veteran_startup|退役军人创业贷款贴息|B|P|employment|退役军人创业,贴息贷款|company_uscc,loan_amount|营业执照,借款合同|《中华人民共和国退役军人保障法》|v=n
veteran_settlement|退役士兵安置|S|P|employment|退伍安置,安排工作|enlist_date|退役证,档案材料|《退役士兵安置条例》|
""",
"nync": """
pesticide_business|农药经营许可|L|O|operation|农药许可证,卖农药|premises|经营场所证明,农药管理制度|《农药管理条例》|v=ncrx
seed_business|农作物种子生产经营许可|L|O|operation|种子许可证,南繁种子|premises|种子检验设施说明,技术人员名单|《中华人民共和国种子法》|v=ncrx
fishing_licence|渔业捕捞许可|L|P|employment|捕捞证,打鱼证,出海捕鱼|vessel_name,vessel_power|渔业船舶检验证书,渔业船舶国籍证书|《中华人民共和国渔业法》|v=ncrx iss=渔业捕捞许可证
fishing_vessel|渔业船舶登记|C|P|employment|渔船登记,渔船证|vessel_name,vessel_power|渔业船舶检验证书,船舶所有权取得证明|《中华人民共和国渔业船舶登记办法》|v=ncx
animal_epidemic|动物防疫条件合格证核发|L|O|operation|防疫合格证,养殖场防疫|premises|场所平面图,防疫制度|《中华人民共和国动物防疫法》|v=ncx
vet_drug|兽药经营许可|L|O|operation|兽药许可证,卖兽药|premises|质量管理制度,经营场所证明|《兽药管理条例》|v=ncrx
aquaculture|水域滩涂养殖证核发|L|P|operation|养殖证,海水养殖|farmland_area|养殖用海证明|《中华人民共和国渔业法》|v=ncr
tractor_registration|拖拉机和联合收割机登记|C|P|operation|拖拉机上牌,农机登记|vehicle_type|农机来历证明,出厂合格证|《农业机械安全监督管理条例》|v=ncx
farmland_subsidy|耕地地力保护补贴|B|P|assistance|种地补贴,耕地补贴|farmland_area,bank_account|土地承包经营权证|《中华人民共和国农业法》|v=n
fishing_crew|渔业船员证书核发|L|P|employment|渔船船员证,船员证|vessel_name|健康体检证明,培训合格证明|《中华人民共和国渔业船员管理办法》|v=nhb
slaughter|生猪定点屠宰证书核发|L|O|operation|屠宰场,定点屠宰|premises|屠宰设施设备说明,检验人员资格证明|《生猪屠宰管理条例》|v=ncx
rural_land_contract|农村土地承包经营权证变更|C|P|operation|承包地变更,土地承包证|farmland_area|土地承包经营权证|《中华人民共和国农村土地承包法》|
""",
"yjgl": """
hazardous_chem|危险化学品经营许可|L|O|operation|危化品许可,危险品经营|premises|安全评价报告,安全管理制度|《危险化学品安全管理条例》|v=ncrx q=site
fireworks_wholesale|烟花爆竹批发许可|L|O|operation|烟花批发,鞭炮批发|premises|仓库安全评价报告|《烟花爆竹安全管理条例》|v=ncr
chem_project_safety|危险化学品建设项目安全条件审查|L|J|construction|安全条件审查,安评|total_investment|安全评价报告|《危险化学品建设项目安全监督管理办法》|v=n
special_operation|特种作业操作证申领|L|P|employment|电工证,焊工证,高处作业证|education,birth_date|考试合格证明,健康体检证明|《特种作业人员安全技术培训考核管理规定》|v=nhb
emergency_plan|生产安全事故应急预案备案|F|O|operation|应急预案备案,安全预案|premises|应急预案文本,评审意见|《生产安全事故应急条例》|v=nc
""",
"commerce": """
prepaid_card_filing|单用途商业预付卡备案|F|O|operation|预付卡备案,储值卡备案,会员卡备案|amount|预付卡发行方案|《单用途商业预付卡管理办法（试行）》|v=nx
scrap_vehicle|报废机动车回收拆解企业资质认定|L|O|operation|报废车回收,拆车厂|premises,floor_area|场地证明,环保设施说明|《报废机动车回收管理办法》|v=ncx
auction|拍卖业务许可|L|O|operation|拍卖公司,拍卖许可|registered_capital|拍卖师资格证书|《中华人民共和国拍卖法》|v=ncx
car_trade_in|汽车以旧换新补贴申领|B|P||以旧换新,换车补贴,买车补贴|vehicle_plate,amount,bank_account|机动车报废证明,新车发票|《汽车以旧换新补贴实施细则》|v=n
oil_retail|成品油零售经营资格审批|L|O|operation|加油站许可,成品油零售|premises|安全评价报告,规划选址证明|《成品油市场管理办法》|v=ncrx
franchise_filing|商业特许经营备案|F|O|operation|加盟备案,特许经营|premises|特许经营合同样本,市场计划书|《商业特许经营管理条例》|v=nc
""",
"zhzf": """
signboard|店铺招牌设置备案|F|O|operation,startup|招牌,门头,店招备案|location,area_sqm|设计效果图|《城市市容和环境卫生管理条例》|v=nc
temp_stall|临时占道经营审批|L|P|operation|摆摊,占道经营,夜市摊位|location,period_start,period_end|经营位置示意图|《城市市容和环境卫生管理条例》|v=nr
waste_transport|建筑垃圾运输核准|L|O|construction|渣土运输,泥头车|vehicle_count,period_start,period_end|运输车辆清单|《城市建筑垃圾管理规定》|v=nr
green_occupation|临时占用城市绿地审批|L|O|construction|占用绿地,绿地占用|location,area_sqm,period_start,period_end|占用绿地方案|《城市绿化条例》|v=nr
tree_felling|砍伐、迁移城市树木审批|L|O|construction|砍树审批,移树,迁移树木|location|树木情况说明,补植方案|《城市绿化条例》|v=n
garbage_service|城市生活垃圾经营性清扫、收集、运输服务许可|L|O|operation|垃圾清运许可,保洁许可|vehicle_count|车辆清单及行驶证,作业管理制度|《城市生活垃圾管理办法》|v=ncrx
outdoor_publicity|临时宣传品设置审批|L|O|operation|拉横幅,挂条幅,宣传品|location,period_start,period_end|设计效果图|《城市市容和环境卫生管理条例》|v=n
""",
"cl": """
disability_card|残疾人证核发|C|P|assistance|残疾证,办残疾证|disability_type,disability_level|残疾评定表,近期免冠照片|《中华人民共和国残疾人保障法》|v=nchx iss=@disability_certificate
assistive_devices|残疾人辅助器具适配补贴|B|P|assistance|轮椅补贴,助听器补贴,辅具补贴|disability_cert_no,amount|残疾人证,辅具适配评估表|《中华人民共和国残疾人保障法》|v=n
disability_employment|残疾人就业登记|S|P|employment,assistance|残疾人找工作,残疾人就业|disability_cert_no,disability_level|残疾人证|《残疾人就业条例》|
rehab_assistance|残疾儿童康复救助|B|P|birth,assistance|儿童康复,自闭症救助,康复补贴|child_name,child_id,child_birth_date,disability_type|诊断证明,残疾人证|《残疾预防和残疾人康复条例》|v=n
disability_education_aid|残疾学生及残疾人家庭子女教育资助|B|P|school,assistance|残疾学生资助,残疾人子女上学|child_name,child_id,child_birth_date,school_name|残疾人证,录取通知书|《残疾人教育条例》|v=n
barrier_free|残疾人家庭无障碍改造|S|P|housing,assistance|无障碍改造,家里装扶手|house_address|残疾人证,房屋产权证明|《中华人民共和国无障碍环境建设法》|
wheelchair_fuel|残疾人机动轮椅车燃油补贴|B|P|assistance|轮椅车油补,残疾人燃油补贴|disability_cert_no,vehicle_plate,bank_account|残疾人证,机动车行驶证|《中华人民共和国残疾人保障法》|v=n
""",
}

DISTRICT_SUBJECTS = {
"fgw": """
gov_proposal|政府投资项目建议书审批|L|J|construction|项目建议书,立项审批|total_investment|项目建议书|《政府投资条例》|v=n
gov_feasibility|政府投资项目可行性研究报告审批|L|J|construction|可研审批|total_investment|可行性研究报告|《政府投资条例》|v=n
gov_design|政府投资项目初步设计及概算审批|L|J|construction|初步设计,概算审批|total_investment|初步设计文件,投资概算书|《政府投资条例》|v=n
enterprise_filing|企业投资项目备案|F|J|construction|项目备案,投资备案|total_investment,start_date,finish_date|项目基本情况表|《企业投资项目核准和备案管理条例》|v=nc
energy_review|固定资产投资项目节能审查|L|J|construction|节能审查|total_investment|节能报告|《固定资产投资项目节能审查办法》|v=n
price_complaint|价格投诉举报受理|S|P|operation|价格投诉,乱收费,价格举报|apply_reason|相关票据|《中华人民共和国价格法》|
=fgw.project_approval
=fgw.bidding_approval
=fgw.foreign_project_filing
grain_filing|粮食收购企业备案|F|O|operation|粮食收购备案,收粮备案|premises|仓储设施说明|《粮食流通管理条例》|v=ncx
price_certification|价格认定|S|P|operation|价格认定,物品估价|amount,apply_reason|价格认定协助书|《价格认定规定》|
""",
"jy": """
kindergarten|幼儿园入园报名|S|P|school,birth|上幼儿园,幼儿园报名,入园|child_name,child_id,child_birth_date,live_area|户口簿,预防接种证|《幼儿园管理条例》|
primary_enroll|小学一年级新生入学报名|S|P|school|小学报名,上一年级,幼升小|child_name,child_id,child_birth_date,live_area|户口簿,房屋产权证明|《中华人民共和国义务教育法》|
junior_enroll|初中一年级新生入学报名|S|P|school|小升初,初中报名|child_name,child_id,child_birth_date,school_name|户口簿,小学毕业证明|《中华人民共和国义务教育法》|
student_transfer|中小学生转学|S|P|school|转学,插班|child_name,child_id,child_birth_date,school_name,grade|学籍信息表|《中小学生学籍管理办法》|
preschool_aid|学前教育幼儿资助|B|P|school,assistance|幼儿园补助,学前资助|child_name,child_id,child_birth_date,household_size|家庭经济困难情况说明|《学生资助资金管理办法》|v=n
private_kindergarten|民办幼儿园办学许可|L|O|school,operation|开幼儿园,民办幼儿园|premises,floor_area|办园章程,园舍证明|《中华人民共和国民办教育促进法》|v=ncrx
nonacademic_training|校外培训机构（非学科类）审批|L|O|operation|开培训班,艺术培训,体育培训|premises,floor_area|培训场所证明,师资情况|《中华人民共和国民办教育促进法》|v=ncx
teacher_qualification|中小学教师资格认定|C|P|employment|教资认定,教师资格证|education|教师资格考试合格证明,体检合格证明|《教师资格条例》|v=nb
=jy.private_school
=jy.student_aid
=jy.special_education
=jy.school_bus
=jy.student_status
=jy.student_record_correction
=jy.kindergarten_grading
=jy.off_campus_training
=jy.academic_certificate
=jy.vocational_aid
suspension|义务教育阶段学生休学、复学|S|P|school|休学,复学|child_name,child_id,child_birth_date,school_name,apply_reason|病历资料|《中小学生学籍管理办法》|
kindergarten_opening|幼儿园准入登记|L|O|school,startup|幼儿园开办,托幼机构|premises,floor_area|园舍安全鉴定报告,卫生评价报告|《幼儿园管理条例》|v=ncx
nursery_filing|托育机构备案|F|O|birth,operation|托育机构,托儿所备案|premises,floor_area|托育场地证明,保育人员资格证明|《托育机构设置标准（试行）》|v=ncx
""",
"mz": """
minimum_living|最低生活保障审核确认|B|P|assistance|低保,申请低保,吃低保|household_size,monthly_income,?members|家庭收入情况说明,户口簿|《社会救助暂行办法》|v=ncs q=income
extreme_poverty|特困人员认定|B|P|assistance|五保户,特困供养,特困|household_size,monthly_income|户口簿,财产状况说明|《社会救助暂行办法》|v=ncs
temporary_assistance|临时救助审批|B|P|assistance|临时救助,急难救助,应急救助|apply_reason,household_size,monthly_income|困难情况说明|《社会救助暂行办法》|v=n q=agent
senior_allowance|高龄长寿老人补贴申领|B|P|retirement|高龄补贴,长寿补贴,老人补贴|senior_name,senior_id,senior_birth_date,bank_account|户口簿|《中华人民共和国老年人权益保障法》|v=ns
elderly_service_subsidy|经济困难老年人养老服务补贴|B|P|retirement,assistance|养老服务补贴,居家养老补贴|senior_name,senior_id,senior_birth_date,monthly_income|家庭收入情况说明|《中华人民共和国老年人权益保障法》|v=ncs
unsupported_children|事实无人抚养儿童认定|C|P|assistance|无人抚养儿童,困境儿童|child_name,child_id,child_birth_date|父母情况证明|《关于进一步加强事实无人抚养儿童保障工作的意见》|v=nx
low_income_family|低收入家庭认定|C|P|assistance|低收入,低边户,低收入认定|household_size,monthly_income|家庭收入情况说明|《社会救助暂行办法》|v=nx
funeral_subsidy|惠民殡葬补贴申领|B|P|bereavement|殡葬补贴,丧葬补贴|deceased_name,deceased_id,death_date,bank_account|火化证明,户籍注销证明|《殡葬管理条例》|v=n
=mz.social_org
=mz.private_non_enterprise
=mz.elderly_care_filing
=mz.divorce_registration
=mz.marriage_cert_reissue
=mz.adoption_registration
=mz.orphan_allowance
=mz.funeral_reduction
=mz.elderly_meal
=mz.child_allowance
marriage_registration|内地居民结婚登记|C|P|marriage|结婚证,领证,扯证|gender,partner_name,partner_id|户口簿,双方近期合影照片|《婚姻登记条例》|
disability_two_subsidies|困难残疾人生活补贴和重度残疾人护理补贴|B|P|assistance|残疾补贴,两项补贴,护理补贴|disability_cert_no,disability_level,bank_account|残疾人证|《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》|v=ncs
=mz.place_naming
=mz.charity_recognition
community_org_filing|社区社会组织备案|F|O|startup|社区组织备案,兴趣协会|address|组织章程,成员名单|《社会团体登记管理条例》|v=ncx
elderly_operation_subsidy|养老服务机构运营补贴|B|O|retirement,operation|养老院补贴,运营补贴|beds,amount|服务对象名册|《中华人民共和国老年人权益保障法》|v=n
senior_card|老年人优待证办理|S|P|retirement|老年证,老人优待证|live_area|近期免冠照片|《中华人民共和国老年人权益保障法》|v=nb old
marriage_archive|婚姻登记档案查询|S|P|marriage|查婚姻状况,婚姻证明|apply_reason||《婚姻登记档案管理办法》|instant
vagrant_aid|流浪乞讨人员救助|S|P|assistance|流浪救助,救助站|apply_reason||《城市生活无着的流浪乞讨人员救助管理办法》|
income_verification|居民家庭经济状况核对|S|P|assistance|经济状况核对,家庭收入核对|household_size,monthly_income,?members|授权核对声明|《社会救助暂行办法》|
""",
"sf": """
legal_aid|法律援助申请|S|P|assistance|法律援助,免费律师|apply_reason,monthly_income|经济困难状况说明|《中华人民共和国法律援助法》|
mediation|人民调解申请|S|P|assistance|调解,纠纷调解|apply_reason|纠纷情况说明|《中华人民共和国人民调解法》|
legal_consult|公共法律服务咨询|S|P|assistance|法律咨询,问律师|apply_reason||《中华人民共和国法律援助法》|
=sf.grassroots_legal
=sf.notary_appointment
people_mediator|人民调解员聘任备案|F|P|employment|调解员,人民调解员|employer|聘任文件|《中华人民共和国人民调解法》|v=nx
legal_aid_lawyer|法律援助律师指派|S|P|assistance|指派律师,援助律师|apply_reason|法律援助决定书|《中华人民共和国法律援助法》|
""",
"rsj": """
rural_pension_enrol|城乡居民基本养老保险参保登记|S|P|social_security,retirement|居民养老保险,农村养老保险,新农保|pension_grade,bank_account|户口簿|《国务院关于建立统一的城乡居民基本养老保险制度的意见》|v=ncx
rural_pension_benefit|城乡居民基本养老保险待遇申领|B|P|retirement,social_security|领养老金,居民养老金|birth_date,bank_account|户口簿|《国务院关于建立统一的城乡居民基本养老保险制度的意见》|v=ns old
employment_registration|就业登记|S|P|employment|就业登记,入职登记|employer|劳动合同|《就业服务与就业管理规定》|v=nx
unemployment_registration|失业登记|S|P|employment|失业登记,没工作|leave_date|解除或终止劳动合同证明|《就业服务与就业管理规定》|
public_welfare_job|公益性岗位申请|S|P|employment,assistance|公益岗,安排工作|household_size|就业困难人员认定证明|《中华人民共和国就业促进法》|
difficult_employment|就业困难人员认定|C|P|employment,assistance|就业困难,困难认定|household_size,monthly_income|失业登记证明|《中华人民共和国就业促进法》|v=nx
flexible_subsidy|灵活就业人员社会保险补贴申领|B|P|employment,social_security|社保补贴,灵活就业补贴|bank_account|就业困难人员认定证明,社会保险缴费凭证|《就业补助资金管理办法》|v=n
labour_arbitration|劳动人事争议仲裁申请|D|P|employment|劳动仲裁,讨薪,工资仲裁|employer,amount|仲裁申请书,劳动关系证明|《中华人民共和国劳动争议调解仲裁法》|
wage_complaint|劳动保障监察投诉|S|P|employment|欠薪投诉,拖欠工资|employer,amount|投诉书,工资欠条|《劳动保障监察条例》|
job_seeking|求职登记|S|P|employment|找工作,求职,招聘|education|个人简历|《就业服务与就业管理规定》|
=rsj.employment_card
=rsj.flexible_insurance
=rsj.social_card_reissue
=rsj.startup_subsidy
=rsj.training_subsidy
=rsj.skill_subsidy
=rsj.rights_record
=rsj.qualification_auth
=rsj.internship_subsidy
=rsj.employee_pension_enrol
=rsj.survivor_benefit
=rsj.labour_dispatch
=rsj.hr_service
=rsj.employee_insurance
=rsj.employer_insurance
=rsj.stable_job_refund
=rsj.back_payment
=rsj.wage_base
=rsj.special_hours
land_loss_pension|被征地农民基本养老保障待遇申领|B|P|retirement,social_security|失地农民养老,被征地农民补贴|bank_account|征地安置证明,户口簿|《中华人民共和国土地管理法》|v=ncs old
startup_loan|创业担保贷款申请|B|P|employment|创业贷款,贴息贷款,创业担保贷款|company_uscc,loan_amount|营业执照,经营场所证明|《就业补助资金管理办法》|v=n
graduate_internship|高校毕业生就业见习报名|S|P|employment|就业见习,毕业生见习|education,school_name|毕业证书|《就业服务与就业管理规定》|
rural_pension_transfer|城乡居民基本养老保险关系转移|S|P|social_security|居民养老转移|from_area|参保缴费凭证|《城乡养老保险制度衔接暂行办法》|
""",
"zj": """
house_renovation|农村低收入群体等重点对象住房安全保障|B|P|housing,assistance|危房改造,农村危房|house_address,household_size|房屋安全鉴定报告|《关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》|v=n
housing_security|保障性住房申请|B|P|housing|保障房,安居房,申请安居房|household_size,monthly_income,?members|无房证明,家庭收入情况说明|《国务院办公厅关于加快发展保障性租赁住房的意见》|v=ncs q=income
house_safety|房屋安全鉴定申请|S|P|housing|房屋鉴定,危房鉴定|house_address,floor_area|不动产权证书|《城市危险房屋管理规定》|
lease_filing|房屋租赁登记备案|F|P|housing|租房备案,出租登记|house_address,lease_start,lease_end,amount|房屋租赁合同|《商品房屋租赁管理办法》|v=nx
decoration_filing|住宅室内装饰装修备案|F|P|housing|装修备案,装修报备|house_address,period_start,period_end|装修方案|《住宅室内装饰装修管理办法》|v=n
small_project|限额以下小型工程施工安全备案|F|O|construction|小工程备案,小型工程|total_investment,location|施工合同|《建设工程安全生产管理条例》|v=n
owners_committee|业主大会成立及业主委员会备案|F|P|housing|业委会备案,成立业委会|house_address|业主大会会议记录,业主委员会委员名单|《物业管理条例》|v=nc
maintenance_fund|住宅专项维修资金使用|S|P|housing|维修基金,用维修资金|house_address,amount|维修方案,业主表决结果|《住宅专项维修资金管理办法》|
=zj.public_rental
=zj.property_contract_filing
=zj.road_excavation
=zj.construction_waste
=zj.housing_subsidy_rent
=zj.property_enterprise
=zj.crane_registration
self_built_house|农村自建房建设管理备案|F|P|housing|农村自建房,建房备案|house_address,floor_area|建房设计图|《中华人民共和国城乡规划法》|
=zj.fire_filing
=zj.drawing_review_filing
construction_permit|建筑工程施工许可证核发|L|J|construction|施工许可证,开工许可|floor_area,total_investment|施工合同,施工图审查合格书|《中华人民共和国建筑法》|v=ncx
elevator_retrofit|既有住宅加装电梯审批|L|P|housing,retirement|加装电梯,老楼装电梯|house_address,floor_area|加装电梯协议,设计方案|《特种设备安全监察条例》|v=n
municipal_completion|市政基础设施工程竣工验收备案|F|J|construction|市政竣工备案|total_investment|工程竣工验收报告|《房屋建筑和市政基础设施工程竣工验收备案管理办法》|v=n
""",
"nync": """
homestead|农村宅基地审批|L|P|housing|宅基地,农村建房审批,批地建房|house_address,land_area|宅基地申请表,村民小组意见|《中华人民共和国土地管理法》|v=n
farmland_subsidy|耕地地力保护补贴|B|P|assistance|种地补贴,耕地补贴|farmland_area,bank_account|土地承包经营权证|《中华人民共和国农业法》|v=n
fuel_subsidy|渔业油价补贴申领|B|P|employment|渔船油补,柴油补贴|vessel_name,vessel_power,bank_account|渔业捕捞许可证|《渔业发展补助资金管理办法》|v=n
land_transfer_filing|农村土地承包经营权流转备案|F|P|operation|土地流转,承包地流转|farmland_area,period_start,period_end|土地流转合同|《中华人民共和国农村土地承包法》|v=nx
animal_quarantine|动物检疫申报|S|O|operation|动物检疫,生猪检疫|animal_count|养殖档案|《中华人民共和国动物防疫法》|
family_farm|家庭农场名录登记|C|P|operation,startup|家庭农场,农场登记|farmland_area|土地承包或流转合同|《中华人民共和国农业法》|v=ncx
agri_insurance|政策性农业保险投保|S|P|operation|农业保险,种植保险,养殖保险|farmland_area|土地承包经营权证|《农业保险条例》|
machinery_subsidy|农机购置补贴申领|B|P|operation|农机补贴,买农机补贴|vehicle_type,amount,bank_account|农机购置发票|《中华人民共和国农业机械化促进法》|v=n
=nync.pesticide_business
=nync.vet_drug
=nync.animal_epidemic
=nync.fishing_licence
=nync.fishing_vessel
=nync.aquaculture
=nync.tractor_registration
=nync.seed_business
=nync.fishing_crew
=nync.rural_land_contract
=nync.slaughter
vet_clinic|动物诊疗许可证核发|L|O|operation|宠物医院,动物诊所|premises,floor_area|执业兽医资格证书,诊疗场所平面图|《动物诊疗机构管理办法》|v=ncrx
fry_production|水产苗种生产许可证核发|L|O|operation|水产苗种,育苗场|premises|苗种生产设施说明,技术人员名单|《水产苗种管理办法》|v=ncr
breeding_stock|种畜禽生产经营许可|L|O|operation|种猪场,种畜禽许可|premises,animal_count|种畜禽来源证明,防疫条件合格证|《中华人民共和国畜牧法》|v=ncrx
collective_org|农村集体经济组织登记赋码|C|O|operation|村集体登记,集体经济组织|registered_capital|成员名册,组织章程|《中华人民共和国农村集体经济组织法》|v=nc
""",
"wjw": """
birth_service|生育登记服务|S|P|maternity|生育登记,准生证,怀孕登记|married,spouse_id|户口簿|《中华人民共和国人口与计划生育法》|
rural_award|农村部分计划生育家庭奖励扶助|B|P|maternity,assistance|奖励扶助,农村计生奖励|household_size,bank_account|户口簿|《中华人民共和国人口与计划生育法》|v=ns old
vaccination_reissue|预防接种证补办|S|P|birth|疫苗本丢了,补疫苗本,补接种证|child_name,child_id,child_birth_date|户口簿|《中华人民共和国疫苗管理法》|
clinic_filing|诊所备案|F|O|operation,startup|开诊所,诊所备案|premises,floor_area|诊所平面布局图,医务人员执业证书|《医疗机构管理条例》|v=ncx
public_hygiene|公共场所卫生许可|L|O|operation|卫生许可证,卫生证|premises,place_type,floor_area|卫生管理制度,从业人员健康证明|《公共场所卫生管理条例》|v=ncrxb
pregnancy_record|孕产妇健康管理建档|S|P|maternity|建档,孕妇建档,产检建卡|?married|户口簿|《国家基本公共卫生服务规范》|
elderly_health|老年人健康管理|S|P|retirement|老人体检,老年人体检|live_area|户口簿|《国家基本公共卫生服务规范》|old
family_doctor|家庭医生签约服务|S|P|social_security|家庭医生,签约医生|live_area,household_size|户口簿|《关于推进家庭医生签约服务的指导意见》|
=wjw.physician_practice
=wjw.nurse_practice
=wjw.water_supply_hygiene
=wjw.health_certificate
=wjw.special_support
=wjw.medical_practice
=wjw.birth_cert_reissue
=wjw.occupational_exam_filing
=wjw.radiation_diagnosis
=wjw.maternal_technique
=wjw.family_planning_award
=wjw.medical_setup
=wjw.elderly_checkup
=wjw.birth_cert_replace
=wjw.blood_reimbursement
village_doctor|乡村医生执业注册|L|P|employment|村医注册,乡村医生|education|乡村医生执业证书,健康体检证明|《乡村医生从业管理条例》|v=ncrx
childcare_subsidy|育儿补贴申领|B|P|birth,maternity|育儿补贴,三岁以下补贴,生娃补贴|child_name,child_id,child_birth_date,bank_account|出生医学证明,户口簿|《育儿补贴制度实施方案》|v=ncs
maternal_exam_certificate|母婴保健技术考核合格证书核发|L|P|employment|母婴保健证,助产士证|education,employer|考核合格证明|《中华人民共和国母婴保健法实施办法》|v=nrb
""",
"tyjr": """
veteran_info|退役军人信息采集|S|P|employment|退役军人登记|enlist_date|退役证|《中华人民共和国退役军人保障法》|
preferential_card|退役军人优待证申领|S|P|employment|优待证|enlist_date|退役证,近期免冠照片|《中华人民共和国退役军人保障法》|v=nb
veteran_assistance|退役军人帮扶援助|B|P|assistance|退役军人困难帮扶,帮扶援助|household_size,monthly_income,bank_account|困难情况说明,退役证|《中华人民共和国退役军人保障法》|v=n
conscript_family|义务兵家庭优待金发放|B|P|assistance|优待金,当兵家属补贴|enlist_date,bank_account|入伍通知书,户口簿|《军人抚恤优待条例》|v=n
sick_veteran|带病回乡退役军人生活补助|B|P|assistance|带病回乡补助|enlist_date,bank_account|退役证,疾病诊断证明|《军人抚恤优待条例》|v=ns
martyr_memorial|烈士纪念设施祭扫预约|S|P|bereavement|祭扫烈士,烈士陵园|?contact_email||《烈士褒扬条例》|instant
=tyjr.survivor_pension
=tyjr.martyr_award
=tyjr.veteran_settlement
=tyjr.veteran_education
=tyjr.veteran_startup
=tyjr.disability_rating
war_veteran_subsidy|参战退役人员生活补助|B|P|assistance|参战补助,参战老兵|enlist_date,bank_account|参战证明,退役证|《军人抚恤优待条例》|v=ns old
old_soldier_subsidy|老年退役士兵生活补助|B|P|retirement,assistance|老兵补助,退役老兵补贴|enlist_date,bank_account|退役证|《军人抚恤优待条例》|v=ns old
martyr_family_recognition|烈士遗属认定|C|P|bereavement|烈属认定,烈士家属|deceased_name,deceased_id,death_date|烈士证明书,亲属关系证明|《烈士褒扬条例》|
""",
"yjgl": """
fireworks_retail|烟花爆竹零售许可|L|O|operation|卖烟花,鞭炮零售,烟花零售许可|premises|零售场所证明,安全管理制度|《烟花爆竹安全管理条例》|v=ncrx
disaster_relief|自然灾害救助|B|P|assistance|受灾救助,台风救助,灾后补助|house_address,household_size,bank_account|受灾情况说明|《自然灾害救助条例》|v=n
safety_plan|生产安全事故应急预案备案|F|O|operation|应急预案备案|premises|应急预案文本|《生产安全事故应急条例》|v=nc
safety_training_filing|生产经营单位安全培训情况备案|F|O|operation|安全培训备案|employee_count|安全培训记录|《生产经营单位安全培训规定》|
=yjgl.hazardous_chem
shelter_query|应急避难场所查询|S|P|assistance|避难场所,台风避险|live_area||《中华人民共和国突发事件应对法》|instant
precursor_filing|非药品类易制毒化学品经营备案|F|O|operation|易制毒备案,易制毒化学品|premises|经营场所证明,管理制度|《易制毒化学品管理条例》|v=ncx
major_hazard_filing|危险化学品重大危险源备案|F|O|operation|重大危险源备案|premises|重大危险源安全评估报告|《危险化学品重大危险源监督管理暂行规定》|v=nc
""",
"zhzf": """
signboard|店铺招牌设置备案|F|O|operation,startup|招牌,门头招牌|location,area_sqm|设计效果图|《城市市容和环境卫生管理条例》|v=nc
stall|临时摊点设置审批|L|P|operation|摆摊,夜市摆摊,临时摊点|location,period_start,period_end|经营位置示意图|《城市市容和环境卫生管理条例》|v=nr
small_ads|小型户外广告设置|L|O|operation|广告牌,小广告牌|location,area_sqm|设计效果图|《城市市容和环境卫生管理条例》|v=nrx
green_occupation|临时占用城市绿地审批|L|O|construction|占绿审批|location,area_sqm,period_start,period_end|占用绿地方案|《城市绿化条例》|v=nr
tree_pruning|城市树木修剪审批|L|O|construction|修树,剪树审批|location|树木情况说明|《城市绿化条例》|v=n
renovation_waste|装修垃圾清运申请|S|P|housing|装修垃圾,清运垃圾|house_address|装修方案|《城市建筑垃圾管理规定》|
road_occupation|临时占用城市道路审批|L|O|construction|占道,占用道路|location,period_start,period_end|占道方案|《城市道路管理条例》|v=nr
=zhzf.garbage_service
=zhzf.waste_transport
=zhzf.tree_felling
=zhzf.outdoor_publicity
=zhzf.temp_stall
dog_licence|养犬登记|L|P|housing|养狗登记,狗证,犬证|live_address|犬只免疫证明,近期犬只照片|《城市市容和环境卫生管理条例》|v=nrxb
sanitation_removal|环境卫生设施拆除、迁移审批|L|O|construction|拆垃圾站,迁移公厕|location|拆除迁移方案|《城市市容和环境卫生管理条例》|v=n
""",
}

# Nine 一件事 of generated items (plus the sample's three): (id, name, window, life events,
# keywords, description, stages). A stage item is a sample item id or "dept.subject[.variant]"
# of a city subject; "reuse" names the licences (by name) issued by an earlier stage.
BUNDLES = [
    ("retirement", "退休一件事", "w_social", ["retirement", "social_security"],
     ["退休", "办退休", "退休手续", "领养老金"], "退休待遇核准、退休人员医保待遇、公积金退休提取一次办。",
     [("退休待遇核准", ["retirement_approval"], []),
      ("并联办理：医保待遇与公积金提取", ["ybj.retiree_medical", "gjj.withdrawal_retirement"], [])]),
    ("school_entry", "教育入学一件事", "w_social", ["school"],
     ["上学", "入学", "孩子上学", "入学报名"], "义务教育入学报名与学生医保参保、困难学生资助一次办。",
     [("入学报名", ["school_enrollment"], []),
      ("入学后并联办理：医保与资助", ["ybj.student_medical", "jy.student_aid"], [])]),
    ("disability_services", "残疾人服务一件事", "w_social", ["assistance"],
     ["残疾人", "办残疾证", "残疾补贴", "残疾人服务"], "残疾人证办理与两项补贴、辅助器具补贴一次申请。",
     [("残疾人证核发", ["cl.disability_card"], []),
      ("复用残疾人证：补贴申领", ["disability_subsidy", "cl.assistive_devices"], ["残疾人证"])]),
    ("bereavement", "身后一件事", "w_social", ["bereavement"],
     ["身后事", "去世", "老人去世", "销户", "丧葬"], "户口注销、丧葬补助金和抚恤金、殡葬费用减免、公积金提取一次办。",
     [("户口注销", ["gaj.death_household_cancel"], []),
      ("复用户籍注销证明：待遇与提取",
       ["rsj.survivor_benefit", "mz.funeral_reduction", "gjj.withdrawal_death"], ["户籍注销证明"])]),
    ("enterprise_change", "企业信息变更一件事", "w_market", ["change"],
     ["公司变更", "企业变更", "改公司名", "换法人"], "企业变更登记后，税务、社保、公积金信息同步变更。",
     [("变更登记", ["scjg.company_change_registration"], []),
      ("复用营业执照：同步变更", ["sw.tax_info_change", "rsj.employer_insurance.c", "gjj.unit_deposit.c"],
       ["营业执照"])]),
    ("employee_hiring", "员工录用一件事", "w_social", ["employment"],
     ["招员工", "员工入职", "新员工", "招工"], "就业登记、职工参保、公积金个人账户设立一次办。",
     [("就业登记", ["rsj.employment_registration"], []),
      ("并联办理：参保与公积金", ["rsj.employee_insurance", "gjj.personal_account"], [])]),
    ("transport_startup", "开办运输企业一件事", "w_transport", ["startup", "operation"],
     ["开运输公司", "跑运输", "货运公司", "办营运证"], "营业执照、道路运输经营许可、道路运输证一次办。",
     [("设立登记", ["business_licence"], []),
      ("复用营业执照：经营许可", ["road_transport_licence"], ["营业执照"]),
      ("车辆道路运输证", ["jt.vehicle_operation"], ["营业执照"])]),
    ("restaurant_startup", "开办餐饮店一件事", "w_market", ["startup", "operation"],
     ["开饭店", "开餐馆", "开店", "餐饮店"], "营业执照、食品经营许可、店招备案、排水许可一次办。",
     [("设立登记", ["business_licence"], []),
      ("复用营业执照：许可与备案", ["food_business_licence", "zhzf.signboard", "drainage_permit"],
       ["营业执照"])]),
    ("enterprise_closure", "企业注销一件事", "w_market", ["closure"],
     ["公司注销", "注销公司", "关公司", "企业注销"], "清税、社保和公积金注销、注销登记一次办。",
     [("清税", ["sw.tax_deregistration"], []),
      ("社保与公积金注销", ["rsj.employer_insurance.x", "gjj.unit_deposit.x"], []),
      ("复用清税证明：注销登记", ["scjg.company_deregistration"], ["清税证明"])]),
]

# ---------------------------------------------------------------------------------------------
# The field library: one definition (and so one type) per id, as bundles require.

def _opts(*pairs):
    return [{"value": v, "label": l} for v, l in pairs]


FIELDS = {
    # who
    "applicant_name": {"label": "申请人姓名", "type": "text", "max_length": 30},
    "applicant_id": {"label": "申请人身份证号码", "type": "resident_id"},
    "applicant_phone": {"label": "联系电话", "type": "mobile"},
    "company_uscc": {"label": "统一社会信用代码", "type": "uscc"},
    "company_name": {"label": "企业（单位）名称", "type": "text", "max_length": 60},
    "legal_rep_name": {"label": "法定代表人姓名", "type": "text", "max_length": 30},
    "legal_rep_id": {"label": "法定代表人身份证号码", "type": "resident_id"},
    "contact_phone": {"label": "联系电话", "type": "mobile"},
    "project_name": {"label": "项目名称", "type": "text", "max_length": 100},
    "project_area": {"label": "项目所在区", "type": "area_code", "area_prefix": "4602"},
    "contact_email": {"label": "联系邮箱", "type": "email"},
    # people around the applicant
    "gender": {"label": "申请人性别", "type": "enum", "options": _opts(("male", "男"), ("female", "女"))},
    "birth_date": {"label": "出生日期", "type": "date", "max": "as_of"},
    "married": {"label": "是否已婚", "type": "boolean"},
    "is_local_hukou": {"label": "是否本市户籍", "type": "boolean"},
    "other_benefit": {"label": "是否已享受其他同类待遇", "type": "boolean"},
    "other_benefit_name": {"label": "已享受的同类待遇名称", "type": "text", "max_length": 60},
    "spouse_id": {"label": "配偶身份证号码", "type": "resident_id"},
    "partner_name": {"label": "对方姓名", "type": "text", "max_length": 30},
    "partner_id": {"label": "对方身份证号码", "type": "resident_id"},
    "child_name": {"label": "子女姓名", "type": "text", "max_length": 20},
    "child_id": {"label": "子女身份证号码", "type": "resident_id"},
    "child_birth_date": {"label": "子女出生日期", "type": "date", "max": "as_of"},
    "senior_name": {"label": "老人姓名", "type": "text", "max_length": 30},
    "senior_id": {"label": "老人身份证号码", "type": "resident_id"},
    "senior_birth_date": {"label": "老人出生日期", "type": "date", "max": "as_of-80y"},
    "deceased_name": {"label": "逝者姓名", "type": "text", "max_length": 30},
    "deceased_id": {"label": "逝者身份证号码", "type": "resident_id"},
    "death_date": {"label": "死亡日期", "type": "date", "min": "as_of-1y", "max": "as_of"},
    "members": {"label": "共同生活家庭成员", "type": "group", "min_items": 0, "max_items": 19, "fields": [
        {"id": "member_name", "label": "姓名", "type": "text", "required": True, "max_length": 30},
        {"id": "member_id", "label": "身份证号码", "type": "resident_id", "required": True},
        {"id": "relation", "label": "关系", "type": "enum", "required": True,
         "options": _opts(("spouse", "配偶"), ("child", "子女"), ("parent", "父母"), ("other", "其他"))}]},
    "shareholders": {"label": "股东（发起人）", "type": "group", "min_items": 1, "max_items": 50, "fields": [
        {"id": "holder_name", "label": "股东姓名或名称", "type": "text", "required": True, "max_length": 60},
        {"id": "holder_id", "label": "股东身份证号码", "type": "resident_id", "required": True},
        {"id": "contribution", "label": "认缴出资额（万元）", "type": "number", "required": True,
         "min": 0.01, "max": 10000000}]},
    # where
    "live_area": {"label": "居住地行政区划", "type": "area_code", "area_prefix": "4602"},
    "live_address": {"label": "居住地址", "type": "text", "max_length": 100},
    "hukou_area": {"label": "落户地行政区划", "type": "area_code", "area_prefix": "4602"},
    "to_area": {"label": "转入地行政区划", "type": "area_code", "area_prefix": "46"},
    "from_area": {"label": "转出地行政区划", "type": "area_code"},
    "address": {"label": "住所", "type": "text", "max_length": 100},
    "premises": {"label": "经营场所", "type": "text", "max_length": 100},
    "house_address": {"label": "房屋坐落", "type": "text", "max_length": 100},
    "location": {"label": "设置地点", "type": "text", "max_length": 100},
    # what
    "education": {"label": "最高学历", "type": "enum", "options": _opts(
        ("junior_college", "大专"), ("bachelor", "本科"), ("master", "硕士研究生"), ("doctor", "博士研究生"))},
    "employer": {"label": "工作单位", "type": "text", "max_length": 60},
    "employer_uscc": {"label": "用人单位统一社会信用代码", "type": "uscc"},
    "nationality": {"label": "国籍", "type": "text", "max_length": 40},
    "passport_no": {"label": "护照号码", "type": "text", "min_length": 5, "max_length": 20},
    "bank_account": {"label": "本人银行账号", "type": "text", "min_length": 12, "max_length": 30},
    "apply_reason": {"label": "申请事由", "type": "text", "min_length": 4, "max_length": 200},
    "cancel_reason": {"label": "注销原因", "type": "text", "min_length": 2, "max_length": 200},
    "change_content": {"label": "变更事项", "type": "enum", "options": _opts(
        ("name", "名称"), ("address", "住所（地址）"), ("person", "负责人（法定代表人）"),
        ("scope", "范围（经营范围、执业范围）"), ("other", "其他事项"))},
    "reissue_reason": {"label": "补（换）发原因", "type": "enum", "options": _opts(
        ("lost", "遗失"), ("damaged", "损毁"), ("expired", "有效期满"))},
    "insurance_type": {"label": "参保险种", "type": "enum", "options": _opts(
        ("pension", "养老保险"), ("medical", "医疗保险"), ("unemployment", "失业保险"), ("injury", "工伤保险"))},
    "pension_grade": {"label": "缴费档次", "type": "enum", "options": _opts(
        ("g200", "每年 200 元"), ("g500", "每年 500 元"), ("g1000", "每年 1000 元"), ("g2000", "每年 2000 元"))},
    "vehicle_type": {"label": "车辆（准驾）类型", "type": "enum", "options": _opts(
        ("small", "小型汽车"), ("large_bus", "大型客车"), ("truck", "货车"), ("tractor", "拖拉机"))},
    "disability_type": {"label": "残疾类别", "type": "enum", "options": _opts(
        ("vision", "视力残疾"), ("hearing", "听力残疾"), ("speech", "言语残疾"), ("physical", "肢体残疾"),
        ("intellectual", "智力残疾"), ("mental", "精神残疾"), ("multiple", "多重残疾"))},
    "disability_level": {"label": "残疾等级", "type": "enum", "options": _opts(
        ("1", "一级"), ("2", "二级"), ("3", "三级"), ("4", "四级"))},
    "disability_cert_no": {"label": "残疾人证号", "type": "text", "min_length": 20, "max_length": 22},
    "place_type": {"label": "场所类别", "type": "enum", "options": _opts(
        ("hotel", "住宿场所"), ("bath", "沐浴场所"), ("beauty", "美容美发场所"), ("pool", "游泳场所"))},
    "invoice_type": {"label": "发票种类", "type": "enum", "options": _opts(
        ("ordinary", "增值税普通发票"), ("special", "增值税专用发票"))},
    "mailing": {"label": "领证方式", "type": "enum", "options": _opts(("window", "窗口领取"), ("post", "邮寄到家"))},
    "grade": {"label": "申请年级", "type": "enum", "options": _opts(*[(f"g{n}", f"{n} 年级") for n in range(1, 10)])},
    "school_name": {"label": "就读学校", "type": "text", "max_length": 60},
    "disease_name": {"label": "病种名称", "type": "text", "max_length": 60},
    "business_scope": {"label": "经营范围", "type": "text", "max_length": 2000},
    "event_name": {"label": "活动名称", "type": "text", "max_length": 100},
    "vehicle_plate": {"label": "号牌号码", "type": "text", "min_length": 7, "max_length": 10},
    "vessel_name": {"label": "船名号", "type": "text", "max_length": 30},
    # dates (pairs are ordered by rules)
    "injury_date": {"label": "受伤日期", "type": "date", "min": "as_of-1y", "max": "as_of"},
    "retire_date": {"label": "退休日期", "type": "date", "min": "as_of-1y", "max": "as_of+6m"},
    "leave_date": {"label": "离职日期", "type": "date", "max": "as_of"},
    "enlist_date": {"label": "入伍日期", "type": "date", "min": "1950-01-01", "max": "as_of"},
    "lease_start": {"label": "租赁起始日期", "type": "date", "max": "as_of"},
    "lease_end": {"label": "租赁截止日期", "type": "date", "min": "as_of"},
    "period_start": {"label": "起始日期", "type": "date", "min": "as_of", "max": "as_of+1y"},
    "period_end": {"label": "截止日期", "type": "date", "min": "as_of", "max": "as_of+2y"},
    "start_date": {"label": "拟开工日期", "type": "date", "min": "as_of", "max": "as_of+5y"},
    "finish_date": {"label": "拟竣工日期", "type": "date", "min": "as_of", "max": "as_of+10y"},
    # numbers
    "household_size": {"label": "家庭人口数", "type": "number", "min": 1, "max": 20, "integer": True},
    "monthly_income": {"label": "家庭月收入（元）", "type": "number", "min": 0, "max": 1000000},
    "amount": {"label": "金额（元）", "type": "number", "min": 1, "max": 100000000},
    "medical_cost": {"label": "医疗费用总额（元）", "type": "number", "min": 0, "max": 1000000},
    "loan_amount": {"label": "贷款金额（万元）", "type": "number", "min": 1, "max": 200},
    "deposit_rate": {"label": "缴存比例（%）", "type": "number", "min": 5, "max": 12},
    "floor_area": {"label": "建筑（营业）面积（平方米）", "type": "number", "min": 1, "max": 10000000},
    "land_area": {"label": "用地面积（平方米）", "type": "number", "min": 1, "max": 100000000},
    "area_sqm": {"label": "设置面积（平方米）", "type": "number", "min": 0.1, "max": 1000},
    "farmland_area": {"label": "面积（亩）", "type": "number", "min": 0.1, "max": 1000000},
    "registered_capital": {"label": "注册资本（开办资金）（万元）", "type": "number", "min": 0.01, "max": 10000000},
    "total_investment": {"label": "总投资（万元）", "type": "number", "min": 1, "max": 100000000},
    "employee_count": {"label": "从业人员数", "type": "number", "min": 0, "max": 100000, "integer": True},
    "equipment_count": {"label": "设备数量（台）", "type": "number", "min": 1, "max": 10000, "integer": True},
    "vehicle_count": {"label": "车辆（船舶）数", "type": "number", "min": 1, "max": 10000, "integer": True},
    "beds": {"label": "床位数", "type": "number", "min": 0, "max": 5000, "integer": True},
    "rooms": {"label": "客房数", "type": "number", "min": 1, "max": 5000, "integer": True},
    "attendance": {"label": "预计参加人数", "type": "number", "min": 1, "max": 500000, "integer": True},
    "water_volume": {"label": "年取水量（万立方米）", "type": "number", "min": 0.01, "max": 1000000},
    "daily_discharge": {"label": "日排水量（吨）", "type": "number", "min": 0, "max": 1000000},
    "vessel_power": {"label": "主机功率（千瓦）", "type": "number", "min": 1, "max": 100000},
    "animal_count": {"label": "申报数量（头、只）", "type": "number", "min": 1, "max": 1000000, "integer": True},
}
DATE_ORDER = [("lease_start", "lease_end"), ("period_start", "period_end"), ("start_date", "finish_date")]

PROFILE_FIELDS = {
    "P": ["applicant_name", "applicant_id", "applicant_phone"],
    "O": ["company_uscc", "company_name", "legal_rep_name", "legal_rep_id", "contact_phone"],
    "J": ["company_uscc", "company_name", "project_name", "project_area", "contact_phone"],
}
VARIANT_FIELDS = {"c": "change_content", "x": "cancel_reason", "b": "reissue_reason", "h": "reissue_reason"}
VARIANT_MATERIALS = {"c": "变更事项证明材料", "r": "原许可证件", "x": "原证照正副本", "b": "遗失声明或损毁证件",
                     "h": "原证件", "s": "终止待遇申请表"}

QUESTIONS = {
    "site": ("site_check", "是否需现场核查", [("no_check", "告知承诺，无需现场核查"), ("check", "需现场核查")]),
    "income": ("income_check", "是否需入户调查核实家庭经济状况",
               [("verified", "已有核对结果，无需入户"), ("visit", "需入户调查")]),
    "agent": ("applicant_kind", "申请方式", [("self", "本人申请"), ("agent", "委托他人代办")]),
    "channel": ("apply_channel", "申请渠道", [("online", "网上申请"), ("window", "窗口申请")]),
}

# Names the generator uses for people, places and organisations in examples.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高符吉邢云冯蔡羊钟郑"
GIVEN = "海明静丽华建国晓燕志强秀英俊杰婷婷文博雨欣子涵思远嘉怡浩然梓萱一鸣春生秋菊振华玉兰"
PLACES = ["椰风", "鹿城", "南山", "天涯", "海棠湾", "崖州湾", "亚龙湾", "红树林", "凤凰岛", "槟榔河",
          "椰梦", "蓝海", "南繁", "鹿回头", "大东海", "三亚湾"]
TRADES = ["旅业", "餐饮管理", "数字科技", "建设工程", "物流", "贸易", "文化传媒", "酒店管理", "农业开发",
          "水产", "医疗器械", "教育咨询", "运输", "置业", "游艇服务", "潜水俱乐部"]
ROADS = ["迎宾路", "解放路", "新风街", "榆亚路", "三亚湾路", "海棠北路", "崖州湾大道", "凤凰路", "河东路",
         "港门村路", "吉阳大道", "育才路"]
SCHOOLS = ["三亚市第一小学", "三亚市实验中学", "三亚市第九小学", "三亚市第二中学", "崖州区崖城中学",
           "海棠区第一小学", "吉阳区红沙小学", "天涯区南岛学校"]
COUNTRIES = ["新加坡", "马来西亚", "俄罗斯", "英国", "法国", "德国", "澳大利亚", "加拿大", "日本", "韩国"]
HAINAN_CODES = ["460105", "460106", "460107", "460108", "460202", "460203", "460204", "460205", "460400",
                "469001", "469002", "469005", "469006", "469007"]
OTHER_CODES = ["110105", "310104", "440305", "510107", "330106", "420111"]

# ---------------------------------------------------------------------------------------------
# GB 11643 (resident ID) and GB 32100 (unified social credit code) check characters.

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def resident_id(region, birth, seq, male):
    """An 18-character ID: region, birth date, a 3-digit sequence whose parity is the sex."""
    seq = seq // 2 * 2 + (1 if male else 0)
    body = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS)) % 11]


def uscc(region, rng):
    """Registration 9 (工商), type 1 (企业), region, a GB 11714 organisation code, the check."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body8 = "".join(rng.choice(chars) for _ in range(8))
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55  # GB 11714: A=10 … Z=35
    c9 = 11 - sum(val(c) * w for c, w in zip(body8, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    org = body8 + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    body = "91" + region + org
    s = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC_ALPHABET[(31 - s % 31) % 31]


# ---------------------------------------------------------------------------------------------

def parse_subjects(text, city=None):
    """Subject lines; "=dept.slug" (district lists) names a city subject the district also handles."""
    out = []
    for line in text.strip().splitlines():
        if line.startswith("="):
            dept, _, slug = line[1:].partition(".")
            found = [s for s in (city or {}).get(dept, []) if s["slug"] == slug]
            if not found:
                sys.exit(f"gen_catalog: no city subject {line[1:]}")
            out.append(found[0])
            continue
        parts = line.split("|")
        if len(parts) != 10:
            sys.exit(f"gen_catalog: bad subject line ({len(parts)} parts): {line}")
        slug, name, cat, prof, events, kws, fields, mats, law, opts = parts
        o = {}
        for tok in opts.split():
            k, _, v = tok.partition("=")
            o[k] = v or True
        out.append({"slug": slug, "name": name, "cat": cat, "prof": prof,
                    "events": [e for e in events.split(",") if e], "keywords": [k for k in kws.split(",") if k],
                    "fields": [f for f in fields.split(",") if f], "materials": [m for m in mats.split(",") if m],
                    "law": law, "opts": o, "variants": o.get("v") or CATEGORIES[cat][1]})
    return out


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return datetime.date(y, m, min(d.day, last))


def bound(text):
    """A date bound of the catalog format, resolved on AS_OF."""
    if text is None:
        return None
    if not text.startswith("as_of"):
        return datetime.date.fromisoformat(text)
    rest = text[5:]
    if not rest:
        return AS_OF
    n = int(rest[1:-1]) * (1 if rest[0] == "+" else -1)
    unit = rest[-1]
    if unit == "d":
        return AS_OF + datetime.timedelta(days=n)
    return add_months(AS_OF, n * (12 if unit == "y" else 1))


class Registry:
    """Ids of materials and licence types by name, shared by every item (same name, same id)."""

    COMMON = {"申请书": "application_form", "申请表": "application_form", "授权委托书": "authorization",
              "配偶居民身份证": "spouse_id_card", "代办人居民身份证": "agent_id_card"}

    def __init__(self, sample):
        self.materials = dict(self.COMMON)
        for it in sample["items"]:
            for m in it["materials"]:
                self.materials.setdefault(m["name"], m["id"])
        self.licences = {lt["name"]: lt["id"] for lt in sample["licence_types"]}
        self.licences.update({"户口簿": "household_register", "居民户口簿": "household_register",
                              "学历证书": "degree_certificate", "人才证书": "talent_certificate"})
        self.new_licence_types = []
        self.next = 0

    def material_id(self, name):
        if name not in self.materials:
            self.next += 1
            self.materials[name] = f"doc_{self.next:03d}"
        return self.materials[name]

    def licence_for(self, name):
        return self.licences.get(name.strip("《》"))

    def issue(self, spec, slug):
        if spec.startswith("@"):
            return spec[1:]
        if spec in self.licences:
            return self.licences[spec]
        lid = f"{slug}_cert"
        self.licences[spec] = lid
        self.new_licence_types.append({"id": lid, "name": spec})
        return lid


CONDITIONS = {
    "P": ["申请人具有完全民事行为能力，或由监护人代为申请", "申请人提交的材料真实、完整、有效",
          "申请人户籍或居住地在本市"],
    "O": ["申请人为依法设立的企业、事业单位或社会组织", "申请人未被列入严重失信主体名单",
          "申请材料真实、完整，符合法定形式"],
    "J": ["项目符合国土空间规划和产业政策", "建设单位为依法设立的法人或其他组织", "项目已取得前置审批或备案文件"],
}
CONDITIONS_BY_CAT = {
    "L": ["具备与所申请事项相适应的场所、设施设备、专业人员和管理制度"],
    "B": ["符合本事项规定的待遇条件，家庭收入和财产状况经核查属实"],
    "F": ["在规定期限内向主管部门报送备案材料"],
}


class Structure:
    """What one subject × sub-item looks like; shared by the city item and the four district copies."""

    def __init__(self, subj, var, reg, seed):
        rng = random.Random(f"{seed}:{subj['slug']}:{var}")
        self.subj, self.var = subj, var
        cat, prof, o = subj["cat"], subj["prof"], subj["opts"]
        self.kind = CATEGORIES[cat][0]
        self.instant = bool(o.get("instant")) and var == "n"
        w = ONLINE_WEIGHTS.get(cat, (2, 6, 2))
        self.online = "full_online" if self.instant else rng.choices(["full_online", "at_most_once", "on_site"], w)[0]
        if self.instant:
            self.legal, self.promised = 5, 1
        else:
            self.legal = rng.choice(CATEGORIES[cat][2])
            self.promised = max(1, round(self.legal * rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5])))
            if var in "xbhs":
                self.promised = max(1, self.promised // 2)
        self.counts_acceptance_day = rng.random() < 0.1
        # fields: the profile's, the subject's, the sub-item's
        names = list(PROFILE_FIELDS[prof])
        optional = set()
        for f in subj["fields"]:
            opt = f.startswith("?")
            f = f.lstrip("?")
            if f not in names:
                names.append(f)
                if opt:
                    optional.add(f)
        if var in VARIANT_FIELDS and VARIANT_FIELDS[var] not in names:
            names.append(VARIANT_FIELDS[var])
        if "spouse_id" in names and "married" not in names:
            names.insert(names.index("spouse_id"), "married")
        if "married" in names and "spouse_id" not in names and rng.random() < 0.5:
            names.append("spouse_id")
        if cat == "B" and rng.random() < 0.4:
            names += ["other_benefit", "other_benefit_name"]
        if prof == "P" and cat == "S" and rng.random() < 0.2:
            names.append("is_local_hukou")
        if prof == "P" and rng.random() < 0.15 and "contact_email" not in names:
            names.append("contact_email")
            optional.add("contact_email")
        self.fields = []
        for f in names:
            d = {"id": f, **json.loads(json.dumps(FIELDS[f]))}
            if f == "other_benefit_name":
                d["required"] = False
                d["required_when"] = {"field": "other_benefit", "equals": True}
                d["shown_when"] = {"field": "other_benefit", "equals": True}
            elif f == "spouse_id" and "married" in names:
                d["required"] = False
                d["required_when"] = {"field": "married", "equals": True}
                d["shown_when"] = {"field": "married", "equals": True}
            else:
                d["required"] = f not in optional
            if f == "change_content" and prof == "P":
                d["options"] = [x for x in d["options"] if x["value"] in ("name", "address", "other")]
            head = ("id", "label", "type", "required", "required_when", "shown_when")
            self.fields.append({**{k: d[k] for k in head if k in d}, **{k: v for k, v in d.items() if k not in head}})
        # rules
        self.rules = []
        if prof in "O":
            self.rules.append({"kind": "min_age", "id": "legal_rep_id", "years": 18})
        if prof == "P" and cat == "L":
            self.rules.append({"kind": "min_age", "id": "applicant_id", "years": 18})
        if "gender" in names:
            self.rules.append({"kind": "id_gender", "id": "applicant_id", "gender": "gender"})
        if "birth_date" in names:
            self.rules.append({"kind": "id_birth_date", "id": "applicant_id", "date": "birth_date"})
        if "child_birth_date" in names and "child_id" in names:
            self.rules.append({"kind": "id_birth_date", "id": "child_id", "date": "child_birth_date"})
        if "senior_id" in names:
            self.rules.append({"kind": "min_age", "id": "senior_id", "years": 80})
            if "senior_birth_date" in names:
                self.rules.append({"kind": "id_birth_date", "id": "senior_id", "date": "senior_birth_date"})
        for a, b in DATE_ORDER:
            if a in names and b in names:
                self.rules.append({"kind": "date_order", "before": a, "after": b, "allow_equal": False})
        # situation question
        self.question, self.promised_by = None, None
        q = o.get("q")
        if not q and not self.instant and rng.random() < 0.12:
            q = "channel"
        if q:
            qid, text, options = QUESTIONS[q]
            self.question = {"id": qid, "text": text, "options": _opts(*options)}
            if q in ("site", "income", "channel") and self.promised > 1:
                fast = max(1, self.promised // 2)
                self.promised_by = {"question": qid, "days": {options[0][0]: fast, options[1][0]: self.promised}}
        # materials
        self.materials = []
        if prof == "P":
            self.materials.append({"id": "applicant_id_card", "name": "申请人居民身份证", "required": True, "key": True,
                                   "form": "original", "licence": "resident_id_card",
                                   "file_types": ["jpg", "png", "pdf"], "max_pages": 2})
        elif not o.get("nolic"):
            self.materials.append({"id": "business_licence", "name": "营业执照", "required": True, "key": True,
                                   "form": "original", "licence": "business_licence"})
        if cat in "LCFBDR" and not self.instant and rng.random() < 0.7:
            self.materials.append({"id": "application_form", "name": "申请书" if cat in "LFDR" else "申请表",
                                   "required": True, "key": True, "form": "original", "file_types": ["pdf"],
                                   "max_pages": 10})
        names_m = list(subj["materials"])
        if var in VARIANT_MATERIALS:
            names_m.append(VARIANT_MATERIALS[var])
        commitments = []
        for mname in names_m:
            mid = reg.material_id(mname)
            if any(m["id"] == mid for m in self.materials):
                continue
            m = {"id": mid, "name": mname, "required": True}
            lic = reg.licence_for(mname)
            r = rng.random()
            if lic:
                m.update(form="original", licence=lic)
                if r < 0.5:
                    m["key"] = True
            elif self.instant:
                pass
            elif r < 0.28:
                m["key"] = True
            elif r < 0.52:
                m["deferrable"] = True
            elif r < 0.72 and cat in "LCFB":
                m["commitment"] = True
                commitments.append(mname)
            elif r < 0.82:
                m["required"] = False
                m["note"] = "如有，请一并提交"
            if "form" not in m:
                m["form"] = rng.choice(["copy", "copy", "original", "original_and_copy", "electronic"])
                if m["form"] == "original_and_copy" and rng.random() < 0.5:
                    m["copies"] = 2
            if "照片" in mname:
                m["file_types"], m["max_pages"] = ["jpg", "png"], 1
            elif "图" in mname:
                m["file_types"] = ["pdf", "dwg"] if prof == "J" or "设计" in mname else ["pdf", "jpg"]
            elif any(w in mname for w in ("报告", "方案", "章程")):
                m["file_types"], m["max_pages"] = rng.choice([["pdf"], ["pdf", "ofd"]]), 300
                m["max_bytes"] = 52428800
            self.materials.append(m)
        if "married" in names and "spouse_id" in names:
            self.materials.append({"id": "spouse_id_card", "name": "配偶居民身份证", "form": "original",
                                   "licence": "resident_id_card", "required_when": {"field": "married", "equals": True}})
        if self.question and self.question["id"] == "applicant_kind":
            self.materials.append({"id": "authorization", "name": "授权委托书", "form": "original",
                                   "required_when": {"field": "applicant_kind", "equals": "agent"}})
            self.materials.append({"id": "agent_id_card", "name": "代办人居民身份证", "form": "original",
                                   "licence": "resident_id_card",
                                   "required_when": {"field": "applicant_kind", "equals": "agent"}})
        self.commitment_names = commitments
        self.deferral_days = rng.choice([3, 5, 7, 10]) if any(m.get("deferrable") for m in self.materials) \
            and rng.random() < 0.3 else None
        iss = o.get("iss")
        self.issues = reg.issue(iss, subj["slug"]) if iss and var not in "xs" else None
        self.proxy = prof == "P" and (bool(self.question and self.question["id"] == "applicant_kind")
                                      or rng.random() < 0.4)
        fee = o.get("fee")
        self.fees = [{"name": "证件工本费", "amount": fee, "basis": "国家发展改革委、财政部有关收费标准"}] \
            if fee and var in "nbh" else [{"name": "不收费", "amount": "0", "basis": ""}]
        n_cond = 1 + (rng.random() < 0.5)
        self.conditions = rng.sample(CONDITIONS[prof] + CONDITIONS_BY_CAT.get(cat, []), n_cond)


class People:
    """The people and organisations one item's example talks about."""

    def __init__(self, rng, region, old=False):
        self.rng, self.region = rng, region
        self.applicant = self.person(1950 if old else 1966, 1966 if old else 2000)
        self.rep = self.person(1970, 1995)
        self.spouse = self.person(1966, 2000, male=not self.applicant["male"])
        self.partner = self.person(1975, 2000, male=not self.applicant["male"])
        self.child = self.person(2012, 2020)
        self.senior = self.person(1931, 1944)
        self.deceased = self.person(1935, 1960)
        self.company = f"三亚{rng.choice(PLACES)}{rng.choice(TRADES)}有限公司"
        self.uscc = uscc(region[:4] + "00" if rng.random() < 0.5 else region, rng)

    def name(self):
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice([1, 2])))

    def person(self, y0, y1, male=None):
        rng = self.rng
        birth = datetime.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))
        male = rng.random() < 0.5 if male is None else male
        return {"name": self.name(), "birth": birth, "male": male,
                "id": resident_id(rng.choice(["460202", "460203", "460204", "460205", self.region]), birth,
                                  rng.randint(0, 999), male)}


def date_in(rng, lo, hi, prefer=None):
    lo = lo or datetime.date(1900, 1, 1)
    hi = hi or AS_OF + datetime.timedelta(days=3650)
    if prefer and lo <= prefer <= hi:
        return prefer
    return lo + datetime.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def example_value(f, pp, rng, district_code):
    fid, t = f["id"], f["type"]
    if t == "resident_id":
        who = {"applicant_id": pp.applicant, "legal_rep_id": pp.rep, "spouse_id": pp.spouse,
               "partner_id": pp.partner, "child_id": pp.child, "senior_id": pp.senior,
               "deceased_id": pp.deceased}.get(fid, pp.applicant)
        return who["id"]
    if t == "uscc":
        return pp.uscc if fid == "company_uscc" else uscc("460200", rng)
    if t == "mobile":
        return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
    if t == "email":
        return f"service{rng.randint(10, 999)}@example.cn"
    if t == "boolean":
        return rng.random() < 0.6
    if t == "enum":
        if fid == "gender":
            return "male" if pp.applicant["male"] else "female"
        return rng.choice(f["options"])["value"]
    if t == "area_code":
        p = f.get("area_prefix", "")
        if len(p) == 6:
            return p
        if p == "4602":
            return district_code or rng.choice(["460202", "460203", "460204", "460205"])
        return rng.choice(HAINAN_CODES if p == "46" else HAINAN_CODES + OTHER_CODES)
    if t == "date":
        lo, hi = bound(f.get("min")), bound(f.get("max"))
        prefer = {"birth_date": pp.applicant["birth"], "child_birth_date": pp.child["birth"],
                  "senior_birth_date": pp.senior["birth"]}.get(fid)
        if fid == "lease_start":
            prefer = AS_OF - datetime.timedelta(days=rng.randint(10, 300))
        elif fid in ("lease_end",):
            prefer = AS_OF + datetime.timedelta(days=rng.randint(60, 700))
        elif fid == "period_start":
            prefer = AS_OF + datetime.timedelta(days=rng.randint(1, 60))
        elif fid == "period_end":
            prefer = AS_OF + datetime.timedelta(days=rng.randint(90, 600))
        elif fid == "start_date":
            prefer = AS_OF + datetime.timedelta(days=rng.randint(30, 300))
        elif fid == "finish_date":
            prefer = AS_OF + datetime.timedelta(days=rng.randint(400, 1500))
        elif fid in ("death_date", "injury_date", "leave_date", "retire_date"):
            prefer = AS_OF - datetime.timedelta(days=rng.randint(3, 200))
        elif fid == "enlist_date":
            prefer = datetime.date(pp.applicant["birth"].year + 19, 9, 1)
        return date_in(rng, lo, hi, prefer).isoformat()
    if t == "number":
        ranges = {"household_size": (1, 5), "monthly_income": (600, 3000), "amount": (500, 200000),
                  "medical_cost": (800, 90000), "loan_amount": (20, 120), "deposit_rate": (5, 12),
                  "floor_area": (40, 3000), "land_area": (500, 60000), "area_sqm": (1, 40),
                  "farmland_area": (2, 200), "registered_capital": (10, 5000), "total_investment": (200, 80000),
                  "employee_count": (3, 200), "equipment_count": (1, 20), "vehicle_count": (1, 60),
                  "beds": (10, 300), "rooms": (10, 300), "attendance": (1000, 20000), "water_volume": (1, 300),
                  "daily_discharge": (5, 800), "vessel_power": (20, 450), "animal_count": (10, 500)}
        lo, hi = ranges.get(fid, (1, 100))
        lo, hi = max(lo, f.get("min", lo)), min(hi, f.get("max", hi))
        return rng.randint(int(lo), int(hi)) if f.get("integer") or rng.random() < 0.7 else round(rng.uniform(lo, hi), 2)
    if t == "group":
        n = rng.randint(f.get("min_items", 0) or 1, min(3, f.get("max_items", 3)))
        out = []
        for _ in range(n):
            p = pp.person(1950, 2020)
            entry = {}
            for sub in f["fields"]:
                if sub["id"] in ("member_name", "holder_name"):
                    entry[sub["id"]] = p["name"]
                elif sub["type"] == "resident_id":
                    entry[sub["id"]] = p["id"]
                elif sub["type"] == "enum":
                    entry[sub["id"]] = rng.choice(sub["options"])["value"]
                elif sub["type"] == "number":
                    entry[sub["id"]] = rng.randint(1, 500)
            out.append(entry)
        return out
    # text
    texts = {
        "applicant_name": pp.applicant["name"], "legal_rep_name": pp.rep["name"], "company_name": pp.company,
        "partner_name": pp.partner["name"], "child_name": pp.child["name"], "senior_name": pp.senior["name"],
        "deceased_name": pp.deceased["name"], "employer": f"三亚{rng.choice(PLACES)}{rng.choice(TRADES)}有限公司",
        "project_name": f"{rng.choice(PLACES)}{rng.choice(['配套学校', '安置房', '文旅综合体', '产业园一期', '污水处理厂提标改造', '滨海步道'])}项目",
        "nationality": rng.choice(COUNTRIES), "passport_no": "E" + "".join(rng.choice("0123456789") for _ in range(8)),
        "bank_account": "6217" + "".join(rng.choice("0123456789") for _ in range(15)),
        "apply_reason": rng.choice(["因家庭成员突发重病，生活困难", "因工作需要办理", "因房屋买卖需要办理",
                                    "邻里间因排水问题产生纠纷", "用于入职单位背景审查"]),
        "cancel_reason": rng.choice(["经营期满，不再经营", "股东会决议解散", "业务调整，停止该项经营"]),
        "school_name": rng.choice(SCHOOLS), "disease_name": rng.choice(["高血压", "糖尿病", "慢性肾功能衰竭"]),
        "business_scope": "餐饮服务；食品销售；旅游咨询服务",
        "event_name": f"{rng.choice(PLACES)}{rng.choice(['国际音乐节', '马拉松', '沙滩运动会', '美食文化节'])}",
        "vehicle_plate": "琼B" + rng.choice("ABCDF") + "".join(rng.choice("0123456789") for _ in range(4)),
        "vessel_name": f"琼三亚渔{rng.randint(10000, 99999)}",
        "disability_cert_no": (pp.applicant["id"] + rng.choice(["11", "21", "42", "63"])),
        "other_benefit_name": rng.choice(["城乡居民最低生活保障", "特困人员救助供养", "临时救助"]),
    }
    if fid in texts:
        v = texts[fid]
    else:  # addresses and places
        d = next((n for _, n, c in DISTRICTS if c == district_code), rng.choice(DISTRICTS)[1])
        v = f"三亚市{d}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
    return v[: f.get("max_length", 200)]


def holds(cond, values, answers):
    v = answers.get(cond["field"], values.get(cond["field"]))
    return v == cond["equals"]


def licence_number(lic, pp, rng):
    if lic == "resident_id_card":
        return "E" + pp.applicant["id"]
    if lic == "business_licence":
        return "E" + pp.uscc
    return f"E4602{AS_OF.year}{rng.randint(100000, 999999)}"


def build_example(question, fields, materials, pp, rng, district_code):
    """An application that validates: every required field, some optional ones, each material
    supplied the way it allows (file, licence, signed commitment, deferral)."""
    values, answers = {}, {}
    if question:
        answers[question["id"]] = rng.choice(question["options"])["value"]
    for f in fields:
        if "shown_when" in f and not holds(f["shown_when"], values, answers):
            continue
        if f["required"] or "required_when" in f or rng.random() < 0.6:
            values[f["id"]] = example_value(f, pp, rng, district_code)
    mats = {}
    for m in materials:
        if "required_when" in m:
            if not holds(m["required_when"], values, answers):
                continue
        elif not m.get("required") and rng.random() < 0.5:
            continue
        if m.get("licence") and (m.get("key") or rng.random() < 0.6):
            mats[m["id"]] = {"by": "licence", "licence": m["licence"], "number": licence_number(m["licence"], pp, rng)}
        elif m.get("commitment") and rng.random() < 0.6:
            mats[m["id"]] = {"by": "commitment", "signed": True}
        elif m.get("deferrable") and rng.random() < 0.35:
            mats[m["id"]] = {"by": "deferral"}
        else:
            types = m.get("file_types") or ["pdf", "jpg", "png"]
            pages = rng.randint(1, min(m.get("max_pages", 50), 30))
            mats[m["id"]] = {"by": "file", "files": [{"type": rng.choice(types),
                                                      "bytes": rng.randint(100, 3000) * 1024, "pages": pages}]}
    app = {}
    if answers:
        app["answers"] = answers
    app["fields"] = values
    app["materials"] = mats
    return {"as_of": AS_OF.isoformat(), "application": app}


def commitment_text(name, mats):
    listed = "、".join(f"《{m.strip('《》')}》" for m in mats)
    return (f"本人自愿以告知承诺方式办理“{name}”，承诺如下：一、本人已知晓本事项的办理条件和所需材料；二、{listed}所载事项"
            "真实、准确、有效，本人符合办理条件；三、本人同意行政机关在作出决定后对承诺内容进行核查；四、如承诺不实，本人愿意"
            "承担相应法律责任，并同意行政机关依法撤销已作出的决定、收回已发放的证照，相关失信信息依法记入信用记录。")


def keywords_for(subj, var, name):
    kws = list(subj["keywords"])
    pattern = VARIANTS[var][2]
    if pattern and kws:
        kws.insert(0, pattern.format(kws[0]))
    out = []
    for k in kws:
        if k and k != name and k not in out:
            out.append(k)
    return out


def life_events_for(subj, var):
    ev = list(subj["events"])
    if subj["prof"] in "OJ" and var == "c" and "change" not in ev:
        ev.append("change")
    if subj["prof"] in "OJ" and var == "x" and "closure" not in ev:
        ev.append("closure")
    return ev


def make_item(st, item_id, name, dept, window, level, district, rng):
    subj, var = st.subj, st.var
    region = district[2] if district else "460200"
    pp = People(rng, region, old=bool(subj["opts"].get("old")))
    item = {"id": item_id, "name": name}
    kws = keywords_for(subj, var, name)
    if kws:
        item["keywords"] = kws
    ev = life_events_for(subj, var)
    if ev:
        item["life_events"] = ev
    item.update(department=dept, window=window, level=level, kind=st.kind, online_level=st.online,
                legal_days=st.legal, promised_days=st.promised)
    fields = json.loads(json.dumps(st.fields))
    if district:  # a district's own division code narrows the area fields
        for f in fields:
            if f["type"] == "area_code" and f.get("area_prefix") == "4602" and f["id"] != "to_area":
                f["area_prefix"] = district[2]
    if st.question and st.promised_by:
        item["promised_days_by"] = st.promised_by
    if st.counts_acceptance_day:
        item["counts_acceptance_day"] = True
    conds = list(st.conditions)
    if district:
        conds = [c.replace("本市", district[1]) for c in conds]
    item["conditions"] = conds
    if st.question:
        item["questions"] = [st.question]
    item["fields"] = fields
    if st.rules:
        item["rules"] = st.rules
    item["materials"] = st.materials
    if st.issues:
        item["issues"] = st.issues
    if st.deferral_days:
        item["deferral_days"] = st.deferral_days
    if st.commitment_names:
        item["commitment"] = {"text": commitment_text(name, st.commitment_names), "check_days": 20}
    if st.instant:
        item["instant"] = True
    if subj["prof"] == "P":
        item["applicant"] = {"fields": ["applicant_id"], "proxy": st.proxy}
    item["fees"] = st.fees
    item["basis"] = subj["law"]
    item["source"] = "illustrative"
    # against the item's own fields: a district's area fields are narrowed to the district
    item["example"] = build_example(st.question, fields, st.materials, pp, rng, district[2] if district else None)
    return item


def item_name(base, label, district):
    if district:
        return f"{base}（{label}，{district[1]}）" if label else f"{base}（{district[1]}）"
    return f"{base}（{label}）" if label else base


def main():
    ap = argparse.ArgumentParser(description="Writes a catalog of real size (see the module docstring).")
    ap.add_argument("--items", type=int, default=2270, help="items in the catalog, sample included (default 2270)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--sample", default=DEFAULT_SAMPLE, help="the sample catalog to start from")
    args = ap.parse_args()

    with open(args.sample, encoding="utf-8") as f:
        sample = json.load(f)
    reg = Registry(sample)
    sample_types = {fd["id"]: fd["type"] for it in sample["items"] for fd in it["fields"]}
    for fid, fd in FIELDS.items():
        if fid in sample_types and sample_types[fid] != fd["type"]:
            sys.exit(f"gen_catalog: field {fid} is {fd['type']} here but {sample_types[fid]} in the sample")

    # departments and windows
    departments = [dict(d, level=d.get("level", "city")) for d in sample["departments"]]
    windows = list(sample["windows"])
    dept_window = dict(SAMPLE_DEPT_WINDOW)
    for i, (did, name, wname) in enumerate(NEW_CITY_DEPARTMENTS):
        departments.append({"id": did, "name": name, "level": "city"})
        windows.append({"id": f"w_{did}", "name": wname, "kind": "department",
                        "location": f"三亚市政务服务中心{['二', '三'][i % 2]}楼 {'FGHJKLM'[i]} 区",
                        "hours": "周一至周五 9:00–12:00，14:30–17:30"})
        dept_window[did] = f"w_{did}"
    for dkey, dname, _ in DISTRICTS:
        for i, (kind, kname) in enumerate(DISTRICT_KINDS):
            did = f"{dkey}_{kind}"
            departments.append({"id": did, "name": f"三亚市{dname}{kname}", "level": "district"})
            windows.append({"id": f"w_{did}", "name": f"{dname}{kname}窗口", "kind": "department",
                            "location": f"三亚市{dname}政务服务中心{1 + i // 6}楼 {i % 6 + 1} 号窗口",
                            "hours": "周一至周五 9:00–12:00，14:30–17:30"})

    # the pool of candidate items, in catalog order
    sample_ids = {it["id"] for it in sample["items"]}
    sample_names = {it["name"] for it in sample["items"]}
    pool = []  # every item the generator can write; --items picks from it
    city = {k: parse_subjects(v) for k, v in CITY_SUBJECTS.items()}
    district = {k: parse_subjects(v, city) for k, v in DISTRICT_SUBJECTS.items()}
    # Licences first: a material names a licence some later subject issues (清税证明).
    for subjects in list(city.values()) + list(district.values()):
        for s in subjects:
            if s["opts"].get("iss"):
                reg.issue(s["opts"]["iss"], s["slug"])
    wanted = set()
    for b in BUNDLES:
        for _, items, _ in b[6]:
            for ref in items:
                if "." in ref:
                    parts = ref.split(".")
                    wanted.add((parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    ref_ids = {}
    for dept, subjects in city.items():
        for s in subjects:
            for v in s["variants"]:
                st = Structure(s, v, reg, args.seed)
                suffix, label, _ = VARIANTS[v]
                iid = s["slug"] + (f"_{suffix}" if suffix else "")
                # bundle members are always written ("dept.slug" means the subject's first sub-item)
                forced = ((dept, s["slug"], None) in wanted and v == s["variants"][0]) or (dept, s["slug"], v) in wanted
                if forced:
                    ref_ids[(dept, s["slug"], v)] = iid
                    if v == s["variants"][0]:
                        ref_ids[(dept, s["slug"], None)] = iid
                pool.append({"st": st, "id": iid, "name": item_name(s["name"], label, None), "dept": dept,
                             "window": s["opts"].get("win") or dept_window[dept], "level": "city",
                             "district": None, "forced": forced, "base": v == "n"})
    for dist in DISTRICTS:
        for kind, _ in DISTRICT_KINDS:
            for s in district[kind]:
                for v in s["variants"]:
                    st = Structure(dict(s, slug=f"d_{kind}_{s['slug']}"), v, reg, args.seed)
                    suffix, label, _ = VARIANTS[v]
                    did = f"{dist[0]}_{kind}"
                    pool.append({"st": st, "id": f"{did}_{s['slug']}" + (f"_{suffix}" if suffix else ""),
                                 "name": item_name(s["name"], label, dist), "dept": did, "window": f"w_{did}",
                                 "level": "district", "district": dist, "forced": False, "base": v == "n"})
    ids = [p["id"] for p in pool] + list(sample_ids)
    names = [p["name"] for p in pool] + list(sample_names)
    if len(set(ids)) != len(ids) or len(set(names)) != len(names):
        dup = [x for x in set(ids) if ids.count(x) > 1] + [x for x in set(names) if names.count(x) > 1]
        sys.exit(f"gen_catalog: duplicate ids or names: {dup[:10]}")

    need = args.items - len(sample["items"])
    forced = sum(p["forced"] for p in pool)
    if need > len(pool) or need < forced:
        sys.exit(f"gen_catalog: --items must be between {len(sample['items']) + forced} and "
                 f"{len(sample['items']) + len(pool)}")
    rng = random.Random(args.seed)
    order = sorted(range(len(pool)), key=lambda i: (0 if pool[i]["forced"] else 1 if pool[i]["base"] else 2,
                                                    rng.random()))
    chosen = sorted(order[:need])

    items = list(sample["items"])
    for i in chosen:
        p = pool[i]
        irng = random.Random(f"{args.seed}:{p['id']}")
        items.append(make_item(p["st"], p["id"], p["name"], p["dept"], p["window"], p["level"], p["district"], irng))

    # bundles: the sample's and the generated ones
    bundles = list(sample["bundles"])
    for bid, bname, win, events, kws, desc, stages in BUNDLES:
        out_stages = []
        for sname, refs, reuse in stages:
            ids_ = []
            for ref in refs:
                if "." in ref:
                    parts = ref.split(".")
                    ids_.append(ref_ids[(parts[0], parts[1], parts[2] if len(parts) > 2 else None)])
                else:
                    ids_.append(ref)
            stage = {"name": sname, "items": ids_}
            if reuse:
                stage["reuse"] = [reg.licences[r] for r in reuse]
            out_stages.append(stage)
        bundles.append({"id": bid, "name": bname, "keywords": kws, "life_events": events, "window": win,
                        "description": desc, "stages": out_stages})

    catalog = {
        "_comment": "Generated by tests/tools/gen_catalog.py: the sample catalog (core/data/catalog/sanya.json) "
                    "unchanged plus generated items of city and district departments. Every generated figure, "
                    "field and material is illustrative test data, not an official list.",
        "schema_version": 1,
        "id": "sanya-scale",
        "name": f"三亚市及四区政务服务事项目录（生成，{args.items} 项，测试用）",
        "version": f"gen-{args.items}-seed{args.seed}",
        "sources": dict(sample.get("sources", {}),
                        generated=f"tests/tools/gen_catalog.py --items {args.items} --seed {args.seed}"),
        "departments": departments,
        "windows": windows,
        "licence_types": list(sample["licence_types"]) + reg.new_licence_types,
        "life_events": sample.get("life_events", []),
        "items": items,
        "bundles": bundles,
    }
    text = json.dumps(catalog, indent=1, ensure_ascii=False) + "\n"
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    n_city = sum(d["level"] == "city" for d in departments)
    lv = sum(it.get("level") == "district" for it in items)
    print(f"gen_catalog: {len(items)} items ({len(items) - lv} city, {lv} district) of {len(departments)} departments "
          f"({n_city} city, {len(departments) - n_city} district), {len(windows)} windows, {len(bundles)} bundles, "
          f"{len(catalog['licence_types'])} licence types; pool {len(pool) + len(sample['items'])}; "
          f"{len(text.encode('utf-8'))} bytes -> {args.output}")


if __name__ == "__main__":
    main()
