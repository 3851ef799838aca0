// Every string the console shows, in one place. zh-CN is the default; English is switchable and
// the choice is remembered in localStorage. Keys are flat; "{name}" placeholders are filled by t().

const STORAGE_KEY = 'lamplight.lang';

const zh = {
  'app.title': '灯塔 · 一村一警巡逻调度',
  'app.name': '灯塔',
  'app.subtitle': '一村一警 巡逻调度平台',

  'login.heading': '指挥调度台登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.busy': '正在登录…',
  'login.failed': '登录失败：{message}',
  'login.expired': '登录已过期，请重新登录。',
  'login.footer': '内网运行，无需连接互联网',

  'header.logout': '退出',
  'header.soundOn': '提示音：开',
  'header.soundOff': '提示音：关',
  'header.language': 'English',
  'header.activeIncidents': '进行中事件',
  'header.escalated': '已升级',
  'header.available': '空闲警力',
  'header.online': '在线',

  'role.admin': '管理员',
  'role.county': '县局指挥中心',
  'role.station': '派出所',
  'role.viewer': '只读',

  'conn.connecting': '正在连接',
  'conn.connected': '实时连接',
  'conn.reconnecting': '正在重连',
  'conn.offline': '连接中断',
  'conn.staleSince': '数据停留在 {time}',
  'conn.resync': '正在重新同步…',
  'conn.serverStopping': '服务器正在重启，稍后自动重连',

  'tab.incidents': '事件',
  'tab.units': '警力',
  'tab.alerts': '告警',

  'unitStatus.available': '空闲',
  'unitStatus.offered': '待确认',
  'unitStatus.assigned': '已接警',
  'unitStatus.enroute': '出警途中',
  'unitStatus.on_scene': '到达现场',
  'unitStatus.off_duty': '不在岗',
  'unitStatus.offline': '离线',
  'legend.busy': '已接警 / 途中',

  'unitKind.auxiliary': '辅警',
  'unitKind.officer': '社区民警',

  'incidentType.fire': '火灾',
  'incidentType.traffic': '交通',
  'incidentType.security': '治安',
  'incidentType.rescue': '救援',
  'incidentType.other': '其他',
  'incidentGlyph.fire': '火',
  'incidentGlyph.traffic': '交',
  'incidentGlyph.security': '治',
  'incidentGlyph.rescue': '救',
  'incidentGlyph.other': '其',

  'severity.1': '一般',
  'severity.2': '较大',
  'severity.3': '重大',
  'severity.label': '{n}级 · {name}',

  'incidentStatus.new': '新建',
  'incidentStatus.dispatching': '派警中',
  'incidentStatus.assigned': '已派警',
  'incidentStatus.on_scene': '现场处置',
  'incidentStatus.resolved': '已处置',
  'incidentStatus.closed': '已结案',
  'incidentStatus.cancelled': '已撤销',

  'assignmentStatus.offered': '待确认',
  'assignmentStatus.accepted': '已接受',
  'assignmentStatus.enroute': '途中',
  'assignmentStatus.on_scene': '到场',
  'assignmentStatus.cleared': '已完成',
  'assignmentStatus.declined': '已拒绝',
  'assignmentStatus.timed_out': '超时未应答',
  'assignmentStatus.released': '已释放',
  'assignmentStatus.cancelled': '已取消',

  'shortfall.no_candidates': '附近没有可派的警力',
  'shortfall.all_busy': '附近警力均在执行任务',
  'shortfall.stale_locations': '附近警力的位置已过时',
  'shortfall.outside_radius': '警力都在搜索半径以外',
  'shortfall.offline': '附近警力均已离线',
  'shortfall.no_acceptance': '规定时间内无人接警',

  'assignmentReason.resolved': '事件已处置',
  'assignmentReason.cancelled': '事件已撤销',
  'assignmentReason.offline': '警力离线',

  'source.console': '指挥台',
  'source.api': '接口',
  'source.device': '警务终端',

  'event.created': '事件创建',
  'event.offer_sent': '发送派警指令',
  'event.accepted': '接受指令',
  'event.declined': '拒绝指令',
  'event.timed_out': '超时未应答',
  'event.released': '释放警力',
  'event.enroute': '出发赶赴',
  'event.on_scene': '到达现场',
  'event.cleared': '处置完毕撤离',
  'event.assigned_manually': '人工派警',
  'event.unit_offline': '警力离线',
  'event.unit_unreachable': '警力失去连接（保留派警）',
  'event.unit_reachable': '警力恢复连接',
  'event.escalated': '事件升级',
  'event.shortfall': '警力不足',
  'event.officer_notified': '已通知社区民警',
  'event.station_notified': '已通知派出所',
  'event.county_notified': '已通知县局指挥中心',
  'event.external_notified': '已通知外部救援',
  'event.resolved': '处置完毕',
  'event.cancelled': '事件撤销',
  'event.closed': '事件结案',

  'alertKind.escalation': '事件升级',
  'alertKind.shortfall': '警力不足',
  'alertKind.unit_offline': '出警人员离线',
  'alertKind.sos': '紧急求助 SOS',
  'alertKind.county': '县局级升级',
  'alertKind.no_coverage': '无警力覆盖',
  'alertKind.officer_unavailable': '社区民警不可用',
  'alertKind.phone_task': '需电话派警',
  'alertKind.connection_loss': '大面积失联',
  'alertLevel.info': '提示',
  'alertLevel.warning': '警告',
  'alertLevel.critical': '紧急',

  'queue.sort': '排序',
  'queue.sortNewest': '最新在前',
  'queue.sortOldest': '等待最久',
  'queue.sortSeverity': '按严重程度',
  'queue.empty': '当前没有进行中的事件',
  'queue.level': '{n}级响应',
  'queue.units': '{accepted}/{total} 警力已接警',
  'queue.noUnits': '尚未派警',

  'units.all': '全部',
  'units.station': '派出所',
  'units.office': '警务室',
  'units.allStations': '全部派出所',
  'units.allOffices': '全部警务室',
  'units.search': '搜索姓名或编号',
  'units.noPosition': '无定位',
  'units.shown': '显示 {shown} / {total}',
  'units.empty': '没有符合条件的警力',

  'alerts.empty': '暂无告警',
  'alerts.view': '查看',
  'alerts.dismiss': '关闭',
  'alerts.clear': '清空列表',
  'alerts.acknowledge': '确认',
  'alerts.acknowledgedBy': '{who} 已于 {time} 确认',

  'alertCode.escalated': '事件 {incidentNumber} 升至{toLevel}级响应',
  'alertCode.shortfall': '事件 {incidentNumber} 已到最高响应级别，仍缺 {missingUnits} 名警力（{reason}）',
  'alertCode.officer_notified': '已通知社区民警 {unit}（事件 {incidentNumber}）',
  'alertCode.station_notified': '已通知{party}（事件 {incidentNumber}）',
  'alertCode.county_notified': '事件 {incidentNumber} 已上报县局指挥中心',
  'alertCode.external_notified': '事件 {incidentNumber} 已通知 {party}',
  'alertCode.unit_offline_offered': '{unit} 在待确认时离线，已改派他人（事件 {incidentNumber}）',
  'alertCode.unit_offline_assigned': '{unit}（{was}）失去连接，仍保留在事件 {incidentNumber} 中，标记为无法联系',
  'alertCode.mass_disconnect': '大量终端在 {windowS} 秒内同时离线（基站、网络或服务器故障），相关事件不会因此升级或改派',
  'alertCode.no_coverage': '事件 {incidentNumber} 的位置没有警务室覆盖',
  'alertCode.officer_unavailable': '覆盖事件 {incidentNumber} 的社区民警不可用，未能派警',
  'alertCode.sos': '{unit} 发出紧急求助',
  'alertCode.phone_task': '请电话联系 {unit}（{phone}）：其终端无法接收派警指令，请在 {expiresAt} 前代为接受或拒绝（事件 {incidentNumber}）',

  'errorCode.unauthorized': '用户名或密码不正确',
  'errorCode.forbidden': '当前账号无权进行此操作',
  'errorCode.not_found': '未找到，或无权查看',
  'errorCode.database_unavailable': '数据库暂不可用，未做任何更改，请稍后重试',
  'errorCode.invalid_state': '事件当前状态（{incidentStatus}）不允许此操作',
  'errorCode.max_level': '事件已是最高响应级别（{level}级）',
  'errorCode.unit_busy': '{unit} 正在执行其他任务',
  'errorCode.already_assigned': '{unit} 已在该事件中',
  'errorCode.not_assigned': '{unit} 不在该事件中',
  'errorCode.unknown_unit': '没有警力 {unitId}',
  'errorCode.offer_expired': '{unit} 的派警指令已于 {expiresAt} 过期',
  'errorCode.order_closed': '{unit} 的派警已结束（{status}）',
  'errorCode.invalid_reply': '{unit} 当前为{status}，不能这样应答',

  'unit.id': '编号',
  'unit.kind': '类别',
  'unit.station': '派出所',
  'unit.office': '警务室',
  'unit.status': '状态',
  'unit.lastSeen': '最后上报',
  'unit.battery': '电量',
  'unit.speed': '速度',
  'unit.incident': '当前事件',
  'unit.never': '从未上报',
  'unit.sos': 'SOS 求助中',

  'detail.close': '关闭',
  'detail.loading': '正在加载…',
  'detail.level': '响应级别',
  'detail.station': '辖区派出所',
  'detail.created': '上报时间',
  'detail.updated': '最后更新',
  'detail.source': '来源',
  'detail.location': '位置',
  'detail.description': '描述',
  'detail.noDescription': '（无描述）',
  'detail.shortfall': '警力不足',
  'detail.actions': '处置操作',
  'detail.assignTo': '指定警力',
  'detail.assign': '派警',
  'detail.pickUnit': '选择警力…',
  'detail.noCandidates': '没有空闲警力',
  'detail.distance': '{km} 公里',
  'detail.assignments': '派警情况',
  'detail.noAssignments': '尚未向任何警力派警',
  'detail.timeline': '处置记录',
  'detail.release': '释放',
  'detail.byPhone': '☎ 终端无法接收指令，需电话联系',
  'detail.unreachable': '失去连接',
  'detailKey.mass_disconnect': '大面积失联',
  'answer.accept': '代为接受',
  'answer.decline': '代为拒绝',
  'answer.onscene': '代报到场',
  'answer.clear': '代报完成',
  'detail.expiresIn': '{s} 秒后过期',
  'detail.escalatesIn': '{time} 后自动升级',
  'detail.seconds': '{s} 秒',
  'detail.unit': '警力',
  'detail.assignmentStatus': '状态',
  'detail.time': '时间',
  'detail.actor': '操作人 {actor}',

  'detailKey.level': '响应级别',
  'detailKey.from_level': '原级别',
  'detailKey.to_level': '升至',
  'detailKey.reason': '原因',
  'detailKey.was': '原状态',
  'detailKey.distance_m': '距离',
  'detailKey.radius_m': '搜索半径',
  'detailKey.required_units': '需要警力',
  'detailKey.after_ms': '等待时长',
  'detailKey.missing_units': '仍缺警力',
  'detailKey.party': '通知对象',
  'detailKey.reporter_assigned': '上报人已受领',
  'detailKey.by_phone': '电话派警',
  'detailKey.for_unit': '调度员代为应答',
  'common.yes': '是',
  'common.no': '否',

  'action.escalate': '升级',
  'action.resolve': '处置完毕',
  'action.cancel': '撤销事件',
  'action.close': '结案',
  'action.confirmCancel': '确定撤销该事件？已派出的警力将被召回。',
  'action.confirmRelease': '确定释放 {unit}？',
  'action.done': '{action}：操作成功',
  'action.failed': '操作失败：{message}',

  'create.title': '新建事件',
  'create.hint': '点击地图上的位置新建事件',
  'create.type': '类型',
  'create.severity': '严重程度',
  'create.description': '描述',
  'create.descriptionPlaceholder': '现场情况、报警人、联系方式…',
  'create.submit': '上报并派警',
  'create.busy': '正在上报…',
  'create.cancel': '取消',
  'create.failed': '上报失败：{message}',

  'layer.tiles': '栅格底图（内网GIS）',
  'layer.townships': '乡镇边界',
  'layer.roads': '道路',
  'layer.villages': '村庄',
  'layer.stations': '派出所',
  'layer.offices': '警务室',
  'layer.workstations': '村警务工作站',
  'layer.units': '警力',
  'layer.incidents': '事件',
  'layer.links': '派警连线',

  'legend.title': '图例',
  'legend.units': '警力状态',
  'legend.incidents': '事件类型',
  'legend.offer': '派警待确认',
  'legend.accepted': '已接警',

  'error.network': '无法连接服务器',
  'error.http': '服务器返回错误 {status}',
  'error.basemap': '底图加载失败：{message}',

  'time.justNow': '刚刚',
  'time.never': '—',
  'unit.kmh': '公里/时',
};

const en = {
  'app.title': 'Lamplight · patrol & dispatch',
  'app.name': 'Lamplight',
  'app.subtitle': 'One village, one officer — patrol & dispatch',

  'login.heading': 'Dispatcher sign-in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.failed': 'Sign-in failed: {message}',
  'login.expired': 'Your session has expired. Please sign in again.',
  'login.footer': 'Runs on the police intranet; no internet needed',

  'header.logout': 'Sign out',
  'header.soundOn': 'Sound: on',
  'header.soundOff': 'Sound: off',
  'header.language': '中文',
  'header.activeIncidents': 'Active incidents',
  'header.escalated': 'Escalated',
  'header.available': 'Available units',
  'header.online': 'Online',

  'role.admin': 'Administrator',
  'role.county': 'County command',
  'role.station': 'Police station',
  'role.viewer': 'Read only',

  'conn.connecting': 'Connecting',
  'conn.connected': 'Live',
  'conn.reconnecting': 'Reconnecting',
  'conn.offline': 'Offline',
  'conn.staleSince': 'Data as of {time}',
  'conn.resync': 'Resynchronising…',
  'conn.serverStopping': 'Server restarting; reconnecting shortly',

  'tab.incidents': 'Incidents',
  'tab.units': 'Units',
  'tab.alerts': 'Alerts',

  'unitStatus.available': 'Available',
  'unitStatus.offered': 'Offered',
  'unitStatus.assigned': 'Assigned',
  'unitStatus.enroute': 'En route',
  'unitStatus.on_scene': 'On scene',
  'unitStatus.off_duty': 'Off duty',
  'unitStatus.offline': 'Offline',
  'legend.busy': 'Assigned / en route',

  'unitKind.auxiliary': 'Auxiliary',
  'unitKind.officer': 'Community officer',

  'incidentType.fire': 'Fire',
  'incidentType.traffic': 'Traffic',
  'incidentType.security': 'Public order',
  'incidentType.rescue': 'Rescue',
  'incidentType.other': 'Other',
  'incidentGlyph.fire': 'F',
  'incidentGlyph.traffic': 'T',
  'incidentGlyph.security': 'S',
  'incidentGlyph.rescue': 'R',
  'incidentGlyph.other': 'O',

  'severity.1': 'minor',
  'severity.2': 'serious',
  'severity.3': 'major',
  'severity.label': 'Severity {n} · {name}',

  'incidentStatus.new': 'New',
  'incidentStatus.dispatching': 'Dispatching',
  'incidentStatus.assigned': 'Assigned',
  'incidentStatus.on_scene': 'On scene',
  'incidentStatus.resolved': 'Resolved',
  'incidentStatus.closed': 'Closed',
  'incidentStatus.cancelled': 'Cancelled',

  'assignmentStatus.offered': 'Offered',
  'assignmentStatus.accepted': 'Accepted',
  'assignmentStatus.enroute': 'En route',
  'assignmentStatus.on_scene': 'On scene',
  'assignmentStatus.cleared': 'Cleared',
  'assignmentStatus.declined': 'Declined',
  'assignmentStatus.timed_out': 'Timed out',
  'assignmentStatus.released': 'Released',
  'assignmentStatus.cancelled': 'Cancelled',

  'shortfall.no_candidates': 'No units nearby to dispatch',
  'shortfall.all_busy': 'All nearby units are busy',
  'shortfall.stale_locations': 'Nearby units have stale locations',
  'shortfall.outside_radius': 'All units are outside the search radius',
  'shortfall.offline': 'Nearby units are offline',
  'shortfall.no_acceptance': 'Nobody accepted in time',

  'assignmentReason.resolved': 'incident resolved',
  'assignmentReason.cancelled': 'incident cancelled',
  'assignmentReason.offline': 'unit went offline',

  'source.console': 'Console',
  'source.api': 'API',
  'source.device': 'Device',

  'event.created': 'Created',
  'event.offer_sent': 'Offer sent',
  'event.accepted': 'Accepted',
  'event.declined': 'Declined',
  'event.timed_out': 'Timed out',
  'event.released': 'Released',
  'event.enroute': 'En route',
  'event.on_scene': 'On scene',
  'event.cleared': 'Cleared',
  'event.assigned_manually': 'Assigned manually',
  'event.unit_offline': 'Unit offline',
  'event.unit_unreachable': 'Unit unreachable (kept on the incident)',
  'event.unit_reachable': 'Unit reachable again',
  'event.escalated': 'Escalated',
  'event.shortfall': 'Shortfall',
  'event.officer_notified': 'Community officer notified',
  'event.station_notified': 'Police station notified',
  'event.county_notified': 'County command notified',
  'event.external_notified': 'Emergency service notified',
  'event.resolved': 'Resolved',
  'event.cancelled': 'Cancelled',
  'event.closed': 'Closed',

  'alertKind.escalation': 'Escalation',
  'alertKind.shortfall': 'Shortfall',
  'alertKind.unit_offline': 'Assigned unit offline',
  'alertKind.sos': 'SOS',
  'alertKind.county': 'County-level escalation',
  'alertKind.no_coverage': 'No coverage',
  'alertKind.officer_unavailable': 'Community officer unavailable',
  'alertKind.phone_task': 'Phone a unit',
  'alertKind.connection_loss': 'Mass disconnection',
  'alertLevel.info': 'Info',
  'alertLevel.warning': 'Warning',
  'alertLevel.critical': 'Critical',

  'queue.sort': 'Sort',
  'queue.sortNewest': 'Newest first',
  'queue.sortOldest': 'Waiting longest',
  'queue.sortSeverity': 'By severity',
  'queue.empty': 'No active incidents',
  'queue.level': 'Level {n}',
  'queue.units': '{accepted}/{total} units accepted',
  'queue.noUnits': 'No units offered yet',

  'units.all': 'All',
  'units.station': 'Station',
  'units.office': 'Office',
  'units.allStations': 'All stations',
  'units.allOffices': 'All offices',
  'units.search': 'Search name or id',
  'units.noPosition': 'No position',
  'units.shown': 'Showing {shown} of {total}',
  'units.empty': 'No units match',

  'alerts.empty': 'No alerts',
  'alerts.view': 'Show',
  'alerts.dismiss': 'Dismiss',
  'alerts.clear': 'Clear list',
  'alerts.acknowledge': 'Acknowledge',
  'alerts.acknowledgedBy': 'acknowledged by {who} at {time}',

  'alertCode.escalated': 'Incident {incidentNumber} escalated to level {toLevel}',
  'alertCode.shortfall': 'Incident {incidentNumber}: {missingUnits} unit(s) still missing at the last level ({reason})',
  'alertCode.officer_notified': 'Community officer {unit} notified (incident {incidentNumber})',
  'alertCode.station_notified': '{party} notified (incident {incidentNumber})',
  'alertCode.county_notified': 'County command notified of incident {incidentNumber}',
  'alertCode.external_notified': 'Incident {incidentNumber}: {party} notified',
  'alertCode.unit_offline_offered': '{unit} went offline while offered; the offer moved on (incident {incidentNumber})',
  'alertCode.unit_offline_assigned': '{unit} lost its connection while {was}; it stays on incident {incidentNumber}, marked unreachable',
  'alertCode.mass_disconnect': 'Many devices went offline within {windowS} s (a cell tower, the network or a server): no incident is escalated or moved on for it',
  'alertCode.no_coverage': 'No police office covers the place of incident {incidentNumber}',
  'alertCode.officer_unavailable': 'The community officer covering incident {incidentNumber} is unavailable and was not assigned',
  'alertCode.sos': '{unit} raised an SOS',
  'alertCode.phone_task': 'Phone {unit} ({phone}): their devices cannot receive the offer; accept or decline for them before {expiresAt} (incident {incidentNumber})',

  'errorCode.unauthorized': 'wrong user name or password',
  'errorCode.forbidden': 'this account may not do that',
  'errorCode.not_found': 'not found, or not yours to see',
  'errorCode.database_unavailable': 'the database is unavailable; nothing was changed, try again',
  'errorCode.invalid_state': 'not allowed while the incident is {incidentStatus}',
  'errorCode.max_level': 'the incident is at its last level ({level}) already',
  'errorCode.unit_busy': '{unit} is on another job',
  'errorCode.already_assigned': '{unit} is on this incident already',
  'errorCode.not_assigned': '{unit} is not on this incident',
  'errorCode.unknown_unit': 'there is no unit {unitId}',
  'errorCode.offer_expired': 'the offer to {unit} lapsed at {expiresAt}',
  'errorCode.order_closed': 'the assignment of {unit} has ended ({status})',
  'errorCode.invalid_reply': '{unit} is {status}: that answer does not apply',

  'unit.id': 'Id',
  'unit.kind': 'Kind',
  'unit.station': 'Station',
  'unit.office': 'Office',
  'unit.status': 'Status',
  'unit.lastSeen': 'Last seen',
  'unit.battery': 'Battery',
  'unit.speed': 'Speed',
  'unit.incident': 'Incident',
  'unit.never': 'never',
  'unit.sos': 'SOS raised',

  'detail.close': 'Close',
  'detail.loading': 'Loading…',
  'detail.level': 'Response level',
  'detail.station': 'Station',
  'detail.created': 'Reported',
  'detail.updated': 'Updated',
  'detail.source': 'Source',
  'detail.location': 'Location',
  'detail.description': 'Description',
  'detail.noDescription': '(no description)',
  'detail.shortfall': 'Shortfall',
  'detail.actions': 'Actions',
  'detail.assignTo': 'Assign a unit',
  'detail.assign': 'Assign',
  'detail.pickUnit': 'Pick a unit…',
  'detail.noCandidates': 'No available units',
  'detail.distance': '{km} km',
  'detail.assignments': 'Assignments',
  'detail.noAssignments': 'No unit has been offered this incident yet',
  'detail.timeline': 'Timeline',
  'detail.release': 'Release',
  'detail.byPhone': '☎ cannot receive orders: phone them',
  'detail.unreachable': 'unreachable',
  'detailKey.mass_disconnect': 'mass disconnection',
  'answer.accept': 'Accept for them',
  'answer.decline': 'Decline for them',
  'answer.onscene': 'Report on scene',
  'answer.clear': 'Report clear',
  'detail.expiresIn': 'expires in {s} s',
  'detail.escalatesIn': 'escalates in {time}',
  'detail.seconds': '{s} s',
  'detail.unit': 'Unit',
  'detail.assignmentStatus': 'Status',
  'detail.time': 'Time',
  'detail.actor': 'by {actor}',

  'detailKey.level': 'level',
  'detailKey.from_level': 'from level',
  'detailKey.to_level': 'to level',
  'detailKey.reason': 'reason',
  'detailKey.was': 'was',
  'detailKey.distance_m': 'distance',
  'detailKey.radius_m': 'search radius',
  'detailKey.required_units': 'units needed',
  'detailKey.after_ms': 'waited',
  'detailKey.missing_units': 'units missing',
  'detailKey.party': 'notified',
  'detailKey.reporter_assigned': 'reporter took it',
  'detailKey.by_phone': 'by phone',
  'detailKey.for_unit': 'answered by the dispatcher',
  'common.yes': 'yes',
  'common.no': 'no',

  'action.escalate': 'Escalate',
  'action.resolve': 'Resolve',
  'action.cancel': 'Cancel incident',
  'action.close': 'Close',
  'action.confirmCancel': 'Cancel this incident? Units already sent will be stood down.',
  'action.confirmRelease': 'Release {unit} from this incident?',
  'action.done': '{action}: done',
  'action.failed': 'Action failed: {message}',

  'create.title': 'New incident',
  'create.hint': 'Click the map to create an incident there',
  'create.type': 'Type',
  'create.severity': 'Severity',
  'create.description': 'Description',
  'create.descriptionPlaceholder': 'What happened, who called, how to reach them…',
  'create.submit': 'Report and dispatch',
  'create.busy': 'Reporting…',
  'create.cancel': 'Cancel',
  'create.failed': 'Could not create the incident: {message}',

  'layer.tiles': 'Raster map (intranet GIS)',
  'layer.townships': 'Township boundaries',
  'layer.roads': 'Roads',
  'layer.villages': 'Villages',
  'layer.stations': 'Police stations',
  'layer.offices': 'Police offices',
  'layer.workstations': 'Village workstations',
  'layer.units': 'Units',
  'layer.incidents': 'Incidents',
  'layer.links': 'Dispatch lines',

  'legend.title': 'Legend',
  'legend.units': 'Unit status',
  'legend.incidents': 'Incident type',
  'legend.offer': 'Offer pending',
  'legend.accepted': 'Accepted',

  'error.network': 'Cannot reach the server',
  'error.http': 'The server answered {status}',
  'error.basemap': 'The basemap could not be loaded: {message}',

  'time.justNow': 'just now',
  'time.never': '—',
  'unit.kmh': 'km/h',
};

const dictionaries = { 'zh-CN': zh, en };

let current = dictionaries[localStorage.getItem(STORAGE_KEY)] ? localStorage.getItem(STORAGE_KEY) : 'zh-CN';

export function lang() {
  return current;
}

export function setLang(next) {
  current = dictionaries[next] ? next : 'zh-CN';
  localStorage.setItem(STORAGE_KEY, current);
}

export function otherLang() {
  return current === 'zh-CN' ? 'en' : 'zh-CN';
}

/** The string for key in the current language, placeholders filled; an unknown key shows itself. */
export function t(key, params = {}) {
  const text = dictionaries[current][key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Whether key has a text in either language. */
export function hasText(key) {
  return key in dictionaries[current] || key in zh;
}

/** Like t() for a value of a closed set (status, type...): falls back to the raw value. */
export function label(group, value) {
  const key = `${group}.${value}`;
  const text = dictionaries[current][key] ?? zh[key];
  return text ?? String(value);
}

/** Fills elements marked data-i18n (text), data-i18n-placeholder and data-i18n-title. */
export function translateStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}

// Times: clock times and "5 minutes ago" from the browser's own Intl data (no network needed).
export function clock(ms) {
  if (!ms) return t('time.never');
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date().toDateString();
  const opts = sameDay
    ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }
    : { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
  return d.toLocaleString(current, opts);
}

export function ago(ms, now = Date.now()) {
  if (!ms) return t('time.never');
  const seconds = Math.round((ms - now) / 1000);
  if (Math.abs(seconds) < 10) return t('time.justNow');
  const rtf = new Intl.RelativeTimeFormat(current, { numeric: 'auto', style: 'short' });
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [Infinity, 'day']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}
