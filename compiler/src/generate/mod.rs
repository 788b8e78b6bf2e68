//! Generates large, realistic `.dial` projects for benchmarks (see `benches/front_end.rs`) and
//! scale tests.
//!
//! [`project`] returns `(path, text)` pairs that together hold about the requested number of
//! steps. The output is deterministic (a fixed-seed LCG picks the step templates), so benchmark
//! runs are comparable, and it always analyzes without a single diagnostic (see the tests).
//!
//! The layout mirrors a contact center split into departments:
//!
//! ```text
//! common/company.dial       calendar JapanHolidays (national holidays, year-end closure)
//! <dept>/shared.dial        closures calendar, hours, three queues, three integrations,
//!                           a whisper flow and a queue flow         (uses ../common/company.dial)
//! <dept>/bot.dial           a Lex bot: ja_JP and en_US locales, slot types, five intents
//! <dept>/modules.dial       two modules with `returns` (identity check, opening check)
//! <dept>/outbound.dial      an outbound reminder flow (lookup profile, dial, check call)
//! <dept>/<topic>.dial       one inbound flow of ~50 steps per file (a few hundred lines); it
//!                           `use`s the files above, the next flow of its department and the
//!                           main flow of the next department (for `transfer to flow`)
//! ```
//!
//! Inbound flows are built from step templates: menus with `press` keys and
//! `-> retry 2 then x`, bot questions with intent branches, digit and phone input, integration
//! calls with error outcomes followed by `branch`, hours/calendar/queue/staffing checks,
//! callbacks, `run module`, `distribute`, profile lookups, SSML and `"""` prompts, and a set of
//! closing steps (queue transfer with whisper, cross-flow transfers, transfer to number).
//!
//! [`environment::standalone`] adds what makes the files a project that `dialect build` accepts
//! (`dialect.toml` and an environment file); `dialect generate` writes that to a folder.

pub mod environment;

use std::fmt::Write as _;

/// Steps of one inbound flow (the last flow of a department may differ slightly).
pub const STEPS_PER_FLOW: usize = 50;
/// Inbound flows per department, roughly.
const FLOWS_PER_DEPT: usize = 8;
/// Steps in a department besides its inbound flows: modules (5 + 5), outbound (6), whisper and
/// queue flows (1 + 1).
const DEPT_OVERHEAD_STEPS: usize = 18;
/// `start` plus the closing steps every inbound flow has.
const FIXED_FLOW_STEPS: usize = 1 + CLOSING_STEPS;
const CLOSING_STEPS: usize = 8;
/// The smallest inbound flow generated: the fixed steps and a few template steps.
const MIN_FLOW_STEPS: usize = FIXED_FLOW_STEPS + 3;

const DEPTS: [(&str, &str, &str); 10] = [
    ("Orders", "受注", "orders"),
    ("Billing", "請求", "billing"),
    ("Support", "サポート", "support"),
    ("Returns", "返品", "returns"),
    ("Delivery", "配送", "delivery"),
    ("Membership", "会員", "membership"),
    ("Insurance", "保険", "insurance"),
    ("Travel", "旅行", "travel"),
    ("Mobile", "携帯電話", "mobile"),
    ("Energy", "電力", "energy"),
];

const TOPICS: [(&str, &str); 10] = [
    ("Main", "代表"),
    ("Order", "ご注文"),
    ("Shipping", "お届け"),
    ("Cancel", "キャンセル"),
    ("Address", "住所変更"),
    ("Payment", "お支払い"),
    ("Points", "ポイント"),
    ("Campaign", "キャンペーン"),
    ("Complaint", "ご意見"),
    ("Inquiry", "お問い合わせ"),
];

const PRODUCTS_JA: [(&str, &[&str]); 12] = [
    ("りんご", &["林檎", "アップル"]),
    ("みかん", &["蜜柑"]),
    ("ぶどう", &["葡萄", "グレープ"]),
    ("もも", &["桃", "ピーチ"]),
    ("なし", &["梨"]),
    ("いちご", &["苺", "ストロベリー"]),
    ("メロン", &[]),
    ("すいか", &["西瓜"]),
    ("バナナ", &[]),
    ("キウイ", &["キウイフルーツ"]),
    ("レモン", &["檸檬"]),
    ("さくらんぼ", &["桜桃", "チェリー"]),
];

const PRODUCTS_EN: [(&str, &[&str]); 8] = [
    ("apple", &["apples"]),
    ("orange", &["oranges", "mandarin"]),
    ("grape", &["grapes"]),
    ("peach", &["peaches"]),
    ("pear", &["pears"]),
    ("strawberry", &["strawberries"]),
    ("melon", &[]),
    ("banana", &["bananas"]),
];

const NOTICES: [&str; 6] = [
    "ただいま、年末年始の配送スケジュールについてのご案内を行っております。",
    "会員の皆さまには、ご登録のメールアドレスにお知らせをお送りしております。",
    "この通話は、サービス品質向上のため録音させていただいております。",
    "ウェブサイトのマイページからも、ご注文状況をご確認いただけます。",
    "システムメンテナンスのため、一部のサービスを停止している場合がございます。",
    "ポイントの有効期限は、最終ご利用日から一年間です。",
];

const MENU_PROMPTS: [&str; 4] = [
    "ご注文は1を、確認事項のご案内は2を、別の窓口は3を、他部門は4を、緊急窓口は9を、オペレーターは0を、もう一度聞くには米印を押してください。",
    "新しいお申し込みは1を、ご案内の再生は2を、お手続きの変更は3を、他部門へのご用件は4を、至急のご用件は9を、担当者とのお話は0を押してください。",
    "お届け日の確認は1を、詳しいご案内は2を、返品のご相談は3を、請求については4を、緊急の場合は9を、オペレーターは0を押してください。",
    "To continue in English press 1, for details press 2, for another service press 3, for other departments press 4, for urgent matters press 9, or press 0 for an agent.",
];

/// Generates a project of about `steps` steps in total. Deterministic.
///
/// The result is `(path, text)` pairs with `/`-separated relative paths; analyze it by
/// inserting every pair into a [`crate::source::MemoryLoader`] and passing all paths as roots.
#[must_use]
pub fn project(steps: usize) -> Vec<(String, String)> {
    project_seeded(steps, 0)
}

/// [`project`] with another choice of step templates: `seed` 0 gives exactly [`project`]'s
/// output, any other seed a project of the same size and layout whose inbound flows differ.
#[must_use]
pub fn project_seeded(steps: usize, seed: u64) -> Vec<(String, String)> {
    let per_dept = FLOWS_PER_DEPT * STEPS_PER_FLOW + DEPT_OVERHEAD_STEPS;
    let depts = ((steps + per_dept / 2) / per_dept).max(1);
    let budget = steps.saturating_sub(depts * DEPT_OVERHEAD_STEPS);
    let flows = ((budget + STEPS_PER_FLOW / 2) / STEPS_PER_FLOW).max(depts);
    // Even split of the budget over all flows, never below the minimum.
    let sizes: Vec<usize> = (0..flows)
        .map(|i| (budget / flows + usize::from(i < budget % flows)).max(MIN_FLOW_STEPS))
        .collect();
    // Contiguous flows per department.
    let per: Vec<usize> = (0..depts)
        .map(|d| (d + 1) * flows / depts - d * flows / depts)
        .collect();
    let names: Vec<Dept> = (0..depts).map(Dept::new).collect();

    let mut out = vec![("common/company.dial".to_owned(), company())];
    let mut next_flow = 0;
    for (d, dept) in names.iter().enumerate() {
        let next_dept = &names[(d + 1) % depts];
        out.push((dept.path("shared.dial"), shared(dept)));
        out.push((dept.path("bot.dial"), bot(dept)));
        out.push((dept.path("modules.dial"), modules(dept)));
        out.push((dept.path("outbound.dial"), outbound(dept)));
        for k in 0..per[d] {
            let cx = FlowCx {
                dept,
                index: k,
                next: (k + 1) % per[d],
                other: next_dept,
                steps: sizes[next_flow],
                seed: (next_flow as u64).wrapping_add(seed.wrapping_mul(0x2545_F491_4F6C_DD1D)),
            };
            next_flow += 1;
            out.push((dept.path(&topic_file(k)), inbound(&cx)));
        }
    }
    out
}

/// Total number of lines of a generated project.
#[must_use]
pub fn lines(project: &[(String, String)]) -> usize {
    project.iter().map(|(_, t)| t.lines().count()).sum()
}

/// Total size in bytes of a generated project.
#[must_use]
pub fn bytes(project: &[(String, String)]) -> usize {
    project.iter().map(|(_, t)| t.len()).sum()
}

/// Appends one formatted line (writing to a `String` cannot fail).
macro_rules! w {
    ($o:expr) => {{
        $o.push('\n');
    }};
    ($o:expr, $($t:tt)*) => {{
        let _ = writeln!($o, $($t)*);
    }};
}

/// A department: the prefix of its global names, its label and its folder.
struct Dept {
    index: usize,
    name: String,
    ja: &'static str,
    dir: String,
}

impl Dept {
    fn new(index: usize) -> Self {
        let (name, ja, dir) = DEPTS[index % DEPTS.len()];
        let round = index / DEPTS.len();
        if round == 0 {
            Dept {
                index,
                name: name.to_owned(),
                ja,
                dir: dir.to_owned(),
            }
        } else {
            Dept {
                index,
                name: format!("{name}{}", round + 1),
                ja,
                dir: format!("{dir}{}", round + 1),
            }
        }
    }

    fn path(&self, file: &str) -> String {
        format!("{}/{file}", self.dir)
    }

    /// The name of inbound flow `k` of this department.
    fn flow(&self, k: usize) -> String {
        let (topic, _) = TOPICS[k % TOPICS.len()];
        let round = k / TOPICS.len();
        if round == 0 {
            format!("{}{topic}", self.name)
        } else {
            format!("{}{topic}{}", self.name, round + 1)
        }
    }
}

fn topic_file(k: usize) -> String {
    let (topic, _) = TOPICS[k % TOPICS.len()];
    let round = k / TOPICS.len();
    let lower = topic.to_lowercase();
    if round == 0 {
        format!("{lower}.dial")
    } else {
        format!("{lower}{}.dial", round + 1)
    }
}

fn company() -> String {
    let mut o = String::new();
    w!(
        o,
        "// Company-wide declarations shared by every department."
    );
    w!(o, "calendar JapanHolidays {{");
    w!(o, "  description \"国民の祝日と年末年始休業\"");
    w!(o, "  2026-12-29 .. 2026-12-31 closure \"年末年始休業\"");
    for (date, name) in [
        ("2027-01-01", "元日"),
        ("2027-01-02 .. 2027-01-03", "年始休業"),
        ("2027-01-11", "成人の日"),
        ("2027-02-11", "建国記念の日"),
        ("2027-02-23", "天皇誕生日"),
        ("2027-03-21", "春分の日"),
        ("2027-04-29", "昭和の日"),
        ("2027-05-03", "憲法記念日"),
        ("2027-05-04", "みどりの日"),
        ("2027-05-05", "こどもの日"),
        ("2027-07-19", "海の日"),
        ("2027-08-11", "山の日"),
        ("2027-09-20", "敬老の日"),
        ("2027-09-23", "秋分の日"),
        ("2027-10-11", "スポーツの日"),
        ("2027-11-03", "文化の日"),
        ("2027-11-23", "勤労感謝の日"),
    ] {
        let kind = if date.contains("..") {
            "closure"
        } else {
            "holiday"
        };
        w!(o, "  {date} {kind} \"{name}\"");
    }
    w!(o, "}}");
    o
}

fn shared(d: &Dept) -> String {
    let n = &d.name;
    let ja = d.ja;
    let i = d.index;
    let mut o = String::new();
    w!(o, "// {ja}窓口: calendars, hours, queues and integrations.");
    w!(o, "use \"../common/company.dial\"");
    w!(o);
    w!(o, "calendar {n}Closures {{");
    w!(o, "  description \"{ja}窓口の臨時休業日\"");
    w!(
        o,
        "  2027-03-{:02} closure \"システムメンテナンス\"",
        1 + i % 28
    );
    w!(o, "  2027-06-{:02} closure \"棚卸し\"", 1 + (i * 7) % 28);
    w!(o, "  2027-08-13 .. 2027-08-16 closure \"夏季休業\"");
    w!(o, "  2027-10-{:02} \"社内研修\"", 1 + (i * 3) % 28);
    w!(o, "}}");
    w!(o);
    let (open, close) = [(9, 18), (8, 20), (10, 17), (9, 21)][i % 4];
    let tz = if i % 5 == 4 {
        "America/Los_Angeles"
    } else {
        "Asia/Tokyo"
    };
    w!(o, "hours {n}Hours {{");
    w!(o, "  description \"{ja}窓口の受付時間\"");
    w!(o, "  timezone {tz}");
    w!(o, "  mon-fri {open:02}:00-{close:02}:00");
    w!(o, "  sat 10:00-12:00, 13:00-17:00");
    w!(o, "  sun closed");
    w!(o, "  closed on JapanHolidays, {n}Closures");
    w!(o, "}}");
    w!(o);
    w!(o, "queue {n}Queue {{");
    w!(o, "  description \"{ja}窓口の一般受付\"");
    w!(o, "  hours {n}Hours");
    w!(o, "}}");
    w!(
        o,
        "queue {n}PriorityQueue {{ hours {n}Hours description \"{ja}窓口の優先受付\" }}"
    );
    w!(o, "queue {n}Callbacks");
    w!(o);
    let lower = &d.dir;
    for (suffix, what, lambda, timeout, returns) in [
        (
            "Lookup",
            "会員情報の照会",
            "member-lookup",
            4,
            "status, count, tier, orderId",
        ),
        (
            "Reserve",
            "在庫の引当",
            "reserve-stock",
            6,
            "status, reservationId",
        ),
        ("Notify", "SMS 通知の送信", "send-sms", 3, "status"),
    ] {
        w!(o, "integration {n}{suffix} {{");
        w!(o, "  description \"{ja}: {what}\"");
        w!(o, "  lambda \"{lower}-{lambda}\"");
        w!(o, "  timeout {timeout}s");
        w!(o, "  returns {returns}");
        w!(o, "}}");
    }
    w!(o);
    w!(o, "flow {n}Whisper {{");
    w!(o, "  kind whisper");
    w!(o, "  description \"{ja}窓口のエージェント向けささやき\"");
    w!(
        o,
        "  start {{ say \"{ja}窓口のお客様です。会員番号は{{$member_id}}です。\" end }}"
    );
    w!(o, "}}");
    w!(o);
    w!(o, "flow {n}Waiting {{");
    w!(o, "  kind queue");
    w!(o, "  start {{");
    w!(
        o,
        "    say \"<speak>ただいま電話が混み合っております。<break time='500ms'/>このままお待ちください。</speak>\""
    );
    w!(o, "    end");
    w!(o, "  }}");
    w!(o, "}}");
    o
}

fn bot(d: &Dept) -> String {
    let n = &d.name;
    let ja = d.ja;
    let mut o = String::new();
    w!(o, "bot {n}Bot {{");
    w!(o, "  description \"{ja}窓口の音声ボット\"");
    w!(o, "  locale ja_JP {{");
    w!(o, "    voice ja-JP Kazuha neural");
    w!(o, "    confidence 0.{}", 5 + d.index % 4);
    w!(o, "    slot type Product {{");
    w!(o, "      resolution top");
    for k in 0..6 {
        let (value, synonyms) = PRODUCTS_JA[(d.index + k) % PRODUCTS_JA.len()];
        slot_value(&mut o, value, synonyms);
    }
    w!(o, "    }}");
    w!(o, "    slot type Plan {{");
    w!(o, "      \"スタンダード\" = \"標準\", \"ふつう\"");
    w!(o, "      \"プレミアム\" = \"上位\"");
    w!(o, "      \"ライト\"");
    w!(o, "    }}");
    w!(o, "    intent Order {{");
    w!(o, "      description \"商品のご注文\"");
    w!(o, "      utterance \"{{Product}}を{{Quantity}}個ください\"");
    w!(o, "      utterance \"{{Product}}が欲しい\"");
    w!(o, "      utterance \"{{Product}}を注文したい\"");
    w!(o, "      utterance \"注文したい\"");
    w!(
        o,
        "      slot Product  : Product       ask \"どの商品になさいますか?\""
    );
    w!(
        o,
        "      slot Quantity : AMAZON.Number ask \"いくつご注文されますか?\""
    );
    w!(
        o,
        "      confirm \"{{Product}}を{{Quantity}}個でよろしいですか?\""
    );
    w!(
        o,
        "      decline \"かしこまりました。最初からお伺いします。\""
    );
    w!(o, "    }}");
    w!(o, "    intent Status {{");
    w!(o, "      utterance \"配送状況を知りたい\"");
    w!(o, "      utterance \"荷物はいつ届きますか\"");
    w!(o, "      utterance \"注文番号{{OrderNo}}の状況を教えて\"");
    w!(
        o,
        "      slot OrderNo : AMAZON.AlphaNumeric ask \"ご注文番号をお話しください。\" optional"
    );
    w!(o, "    }}");
    w!(
        o,
        "    intent Cancel {{ utterance \"キャンセルしたい\" utterance \"注文を取り消したい\" }}"
    );
    w!(o, "    intent ChangePlan {{");
    w!(o, "      utterance \"{{Plan}}プランに変更したい\"");
    w!(o, "      utterance \"プランを変更したい\"");
    w!(
        o,
        "      slot Plan : Plan ask \"どのプランになさいますか?\""
    );
    w!(o, "    }}");
    w!(
        o,
        "    intent Agent {{ utterance \"オペレーターと話したい\" utterance \"担当者\" utterance \"人と話したい\" }}"
    );
    w!(o, "  }}");
    w!(o, "  locale en_US {{");
    w!(o, "    voice en-US Joanna");
    w!(o, "    slot type Product {{");
    for k in 0..4 {
        let (value, synonyms) = PRODUCTS_EN[(d.index + k) % PRODUCTS_EN.len()];
        slot_value(&mut o, value, synonyms);
    }
    w!(o, "    }}");
    w!(
        o,
        "    slot type Plan {{ \"standard\" \"premium\" = \"gold\" \"light\" }}"
    );
    w!(o, "    intent Order {{");
    w!(
        o,
        "      utterance \"I would like {{Quantity}} {{Product}}\""
    );
    w!(o, "      utterance \"I want to order\"");
    w!(
        o,
        "      slot Product  : Product       ask \"Which product would you like?\""
    );
    w!(
        o,
        "      slot Quantity : AMAZON.Number ask \"How many would you like?\""
    );
    w!(
        o,
        "      confirm \"{{Quantity}} {{Product}}, is that right?\""
    );
    w!(o, "    }}");
    w!(
        o,
        "    intent Status {{ utterance \"where is my order\" utterance \"delivery status\" }}"
    );
    w!(o, "    intent Cancel {{ utterance \"cancel my order\" }}");
    w!(
        o,
        "    intent ChangePlan {{ utterance \"change to the {{Plan}} plan\" slot Plan : Plan ask \"Which plan?\" }}"
    );
    w!(
        o,
        "    intent Agent {{ utterance \"agent\" utterance \"a person please\" }}"
    );
    w!(o, "  }}");
    w!(o, "}}");
    o
}

fn slot_value(o: &mut String, value: &str, synonyms: &[&str]) {
    if synonyms.is_empty() {
        w!(o, "      \"{value}\"");
    } else {
        let list: Vec<String> = synonyms.iter().map(|s| format!("\"{s}\"")).collect();
        w!(o, "      \"{value}\" = {}", list.join(", "));
    }
}

fn modules(d: &Dept) -> String {
    let n = &d.name;
    let ja = d.ja;
    let mut o = String::new();
    w!(o, "use \"../common/company.dial\"");
    w!(o, "use \"shared.dial\"");
    w!(o);
    w!(
        o,
        "// Identity check: member number, PIN, then the member lookup."
    );
    w!(o, "flow {n}Verify {{");
    w!(o, "  kind module");
    w!(o, "  description \"{ja}窓口の本人確認\"");
    w!(o, "  returns verified, failed");
    w!(o, "  on error -> failed");
    w!(o, "  start {{");
    w!(
        o,
        "    input $member_id \"会員番号8桁を入力し、最後にシャープを押してください。\" max 8 digits end \"#\" timeout 8s {{"
    );
    w!(o, "      ok      -> pin");
    w!(o, "      timeout -> retry 2 then failed");
    w!(o, "      error   -> failed");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  pin {{");
    w!(
        o,
        "    input $pin \"暗証番号4桁を入力してください。\" max 4 digits timeout 8s encrypted with MemberPinKey {{"
    );
    w!(o, "      ok      -> lookup");
    w!(o, "      timeout -> retry 2 then failed");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  lookup {{");
    w!(
        o,
        "    call {n}Lookup {{ member: $member_id, pin: $pin, channel: \"voice\" }} timeout 4s {{"
    );
    w!(o, "      error -> retry 1 then failed");
    w!(o, "    }}");
    w!(o, "    branch $result.status {{");
    w!(o, "      \"ok\" -> verified");
    w!(o, "      else -> failed");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(
        o,
        "  verified {{ set $verified = \"yes\", $tier = $result.tier return verified }}"
    );
    w!(o, "  failed {{");
    w!(o, "    set $verified = \"no\"");
    w!(o, "    say \"本人確認ができませんでした。\"");
    w!(o, "    return failed");
    w!(o, "  }}");
    w!(o, "}}");
    w!(o);
    w!(o, "// Is the department open right now?");
    w!(o, "flow {n}OpeningCheck {{");
    w!(o, "  kind module");
    w!(o, "  returns open, closed");
    w!(o, "  start {{");
    w!(o, "    check calendar JapanHolidays {{");
    w!(o, "      open    -> business_hours");
    w!(o, "      holiday -> is_closed");
    w!(o, "      closure -> is_closed");
    w!(o, "      error   -> business_hours");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  business_hours {{");
    w!(
        o,
        "    check hours {n}Hours {{ open -> staffing  closed -> is_closed  error -> is_closed }}"
    );
    w!(o, "  }}");
    w!(o, "  staffing {{");
    w!(o, "    check staffing {n}Queue {{");
    w!(o, "      available -> is_open");
    w!(o, "      else      -> is_closed");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  is_open {{ return open }}");
    w!(o, "  is_closed {{ return closed }}");
    w!(o, "}}");
    o
}

fn outbound(d: &Dept) -> String {
    let n = &d.name;
    let ja = d.ja;
    let mut o = String::new();
    w!(o, "use \"shared.dial\"");
    w!(o);
    w!(o, "flow {n}Reminder {{");
    w!(o, "  kind outbound");
    w!(o, "  description \"{ja}窓口: お支払い期限のお知らせ\"");
    w!(o, "  voice ja-JP Takumi neural");
    w!(o, "  on error -> stop");
    w!(o, "  start {{");
    w!(
        o,
        "    lookup profile by phone $caller.number {{ not found -> stop  multiple -> stop  error -> stop }}"
    );
    w!(o, "    branch $profile.Ok_to_call {{");
    w!(o, "      \"no\" -> stop");
    w!(o, "      else -> place_call");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  place_call {{");
    w!(
        o,
        "    dial from \"+8150{:08}\" timeout 30s {{ error -> stop }}",
        10_000_000 + d.index
    );
    w!(o, "    check call {{");
    w!(o, "      answered       -> talk");
    w!(o, "      voicemail beep -> voicemail");
    w!(o, "      voicemail      -> voicemail");
    w!(o, "      not detected   -> stop");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  talk {{");
    w!(
        o,
        "    say \"{{$profile.FirstName}}様、{ja}窓口です。お支払い期限が近づいております。\""
    );
    w!(
        o,
        "    menu \"お支払い済みの場合は1を、担当者にお繋ぎする場合は2を押してください。\" timeout 5s {{"
    );
    w!(o, "      press 1 -> confirm");
    w!(o, "      press 2 -> stop");
    w!(o, "      timeout -> retry 1 then stop");
    w!(o, "      invalid -> retry 1 then stop");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  confirm {{");
    w!(
        o,
        "    call {n}Notify {{ to: $caller.number, template: \"payment-confirmed\" }} timeout 3s {{ error -> stop }}"
    );
    w!(o, "    say \"ありがとうございました。\"");
    w!(o, "    hang up");
    w!(o, "  }}");
    w!(
        o,
        "  voicemail {{ say \"{ja}窓口です。後ほどお掛け直しします。\" hang up }}"
    );
    w!(o, "  stop {{ hang up }}");
    w!(o, "}}");
    o
}

/// One inbound flow to generate.
struct FlowCx<'a> {
    dept: &'a Dept,
    /// Index of the flow in its department.
    index: usize,
    /// Index of the flow `next_flow` transfers to.
    next: usize,
    /// The department whose main flow `other_dept` transfers to.
    other: &'a Dept,
    /// Total steps of the flow.
    steps: usize,
    seed: u64,
}

/// Step templates of inbound flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Notice,
    Menu,
    Ask,
    Input,
    CallBranch,
    Calendar,
    QueueLoad,
    Verify,
    Withheld,
    Distribute,
    Profile,
    Staffing,
    Opening,
    English,
    Reserve,
}

impl T {
    /// Templates weighted by how often they appear.
    const WEIGHTED: [T; 22] = [
        T::Menu,
        T::Menu,
        T::Menu,
        T::Ask,
        T::Ask,
        T::Input,
        T::Input,
        T::CallBranch,
        T::CallBranch,
        T::CallBranch,
        T::Notice,
        T::Notice,
        T::Calendar,
        T::QueueLoad,
        T::Verify,
        T::Withheld,
        T::Distribute,
        T::Profile,
        T::Staffing,
        T::Opening,
        T::English,
        T::Reserve,
    ];

    fn steps(self) -> usize {
        match self {
            T::Menu | T::Ask | T::CallBranch | T::QueueLoad | T::Withheld | T::Distribute => 2,
            _ => 1,
        }
    }

    /// The name of the template's first step.
    fn first(self, i: usize) -> String {
        let base = match self {
            T::Notice => "notice",
            T::Menu => "main_menu",
            T::Ask => "ask_request",
            T::Input => "collect_number",
            T::CallBranch => "lookup_account",
            T::Calendar => "check_closures",
            T::QueueLoad => "queue_load",
            T::Verify => "verify_member",
            T::Withheld => "caller_id",
            T::Distribute => "ab_test",
            T::Profile => "find_profile",
            T::Staffing => "check_staffing",
            T::Opening => "opening_check",
            T::English => "english_guidance",
            T::Reserve => "reserve_stock",
        };
        format!("{base}_{i}")
    }
}

/// A tiny fixed-seed LCG (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % bound as u64).unwrap_or(0)
    }
}

fn inbound(cx: &FlowCx<'_>) -> String {
    let d = cx.dept;
    let n = &d.name;
    let ja = d.ja;
    let flow = d.flow(cx.index);
    let (_, topic_ja) = TOPICS[cx.index % TOPICS.len()];
    let mut rng = Lcg(0x5EED_0000 ^ cx.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));

    // Plan the template steps.
    let mut left = cx.steps.saturating_sub(FIXED_FLOW_STEPS).max(1);
    let mut plan: Vec<T> = Vec::new();
    while left > 0 {
        let mut t = T::WEIGHTED[rng.next(T::WEIGHTED.len())];
        if t.steps() > left {
            t = [
                T::Notice,
                T::Input,
                T::Calendar,
                T::Verify,
                T::Profile,
                T::Staffing,
                T::Opening,
                T::English,
                T::Reserve,
            ][rng.next(9)];
        }
        left -= t.steps();
        plan.push(t);
    }

    let mut o = String::new();
    w!(o, "// {flow}: {ja}窓口 {topic_ja}の着信フロー.");
    w!(o, "use \"../common/company.dial\"");
    w!(o, "use \"shared.dial\"");
    w!(o, "use \"bot.dial\"");
    w!(o, "use \"modules.dial\"");
    if cx.next != cx.index {
        w!(o, "use \"{}\"", topic_file(cx.next));
    }
    if cx.other.index != d.index {
        w!(o, "use \"../{}/{}\"", cx.other.dir, topic_file(0));
    } else if cx.index != 0 && cx.next != 0 {
        // A single department: `other_dept` goes to this department's main flow.
        w!(o, "use \"{}\"", topic_file(0));
    }
    w!(o);
    w!(o, "flow {flow} {{");
    if cx.index.is_multiple_of(2) {
        w!(o, "  kind inbound");
    }
    w!(
        o,
        "  voice ja-JP {} neural",
        ["Kazuha", "Tomoko", "Takumi"][cx.index % 3]
    );
    w!(o, "  description \"{ja}窓口 {topic_ja}の着信フロー\"");
    w!(o, "  logging on");
    w!(o, "  on error -> trouble");
    w!(o);
    let first = plan
        .first()
        .map_or_else(|| "goodbye".to_owned(), |t| t.first(0));
    w!(o, "  start {{");
    w!(
        o,
        "    set $flow.entry = \"{flow}\", $lang = \"ja\", $attempt = 1"
    );
    w!(
        o,
        "    say \"お電話ありがとうございます。{ja}窓口、{topic_ja}の担当でございます。\""
    );
    w!(o, "    check hours {n}Hours {{");
    w!(o, "      open   -> {first}");
    w!(o, "      closed -> closed");
    w!(o, "      error  -> trouble");
    w!(o, "    }}");
    w!(o, "  }}");
    for (i, t) in plan.iter().enumerate() {
        let next = plan
            .get(i + 1)
            .map_or_else(|| "goodbye".to_owned(), |t| t.first(i + 1));
        let variant = rng.next(4);
        step(&mut o, cx, *t, i, &next, variant);
    }
    closing(&mut o, cx);
    w!(o, "}}");
    o
}

#[allow(clippy::too_many_lines)]
fn step(o: &mut String, cx: &FlowCx<'_>, t: T, i: usize, next: &str, variant: usize) {
    let d = cx.dept;
    let n = &d.name;
    let ja = d.ja;
    let me = t.first(i);
    w!(o);
    match t {
        T::Notice => {
            let a = NOTICES[(i + variant) % NOTICES.len()];
            let b = NOTICES[(i + variant + 1) % NOTICES.len()];
            w!(o, "  {me} {{");
            if variant.is_multiple_of(2) {
                w!(o, "    say \"<speak>{a}<break time='300ms'/>{b}</speak>\"");
            } else {
                w!(o, "    say \"\"\"");
                w!(o, "        {a}");
                w!(o, "        {b}");
                w!(o, "        \"\"\"");
            }
            w!(
                o,
                "    set $flow.stage = \"{me}\", $visits = {}",
                variant + 1
            );
            w!(o, "    -> {next}");
            w!(o, "  }}");
        }
        T::Menu => {
            let info = format!("menu_info_{i}");
            w!(o, "  {me} {{");
            w!(
                o,
                "    menu \"{}\" timeout {}s {{",
                MENU_PROMPTS[variant],
                5 + variant
            );
            w!(o, "      press 1 -> {next}");
            w!(o, "      press 2 -> {info}");
            w!(o, "      press 3 -> next_flow");
            w!(o, "      press 4 -> other_dept");
            w!(o, "      press 9 -> hotline");
            w!(o, "      press 0 -> agent");
            w!(o, "      press * -> {me}");
            w!(o, "      timeout -> retry 2 then agent");
            w!(o, "      invalid -> retry 2 then agent");
            w!(o, "    }}");
            w!(o, "  }}");
            w!(o, "  {info} {{");
            w!(o, "    say \"\"\"");
            w!(o, "        {ja}窓口のご案内です。");
            w!(o, "        {}", NOTICES[(i + variant) % NOTICES.len()]);
            w!(o, "        メニューに戻ります。");
            w!(o, "        \"\"\"");
            w!(o, "    -> {me}");
            w!(o, "  }}");
        }
        T::Ask => {
            let confirm = format!("confirm_order_{i}");
            w!(o, "  {me} {{");
            w!(
                o,
                "    ask {n}Bot \"ご注文、配送状況の確認、プランの変更など、ご用件をお話しください。\" timeout 10s {{"
            );
            w!(o, "      intent Order      -> {confirm}");
            w!(o, "      intent Status     -> {next}");
            w!(o, "      intent Cancel     -> next_flow");
            w!(o, "      intent ChangePlan -> {next}");
            w!(o, "      intent Agent      -> agent");
            w!(o, "      no match          -> retry 2 then agent");
            w!(o, "      timeout           -> retry 1 then goodbye");
            w!(o, "    }}");
            w!(o, "  }}");
            w!(o, "  {confirm} {{");
            w!(
                o,
                "    say \"{{$slot.Product}}を{{$slot.Quantity}}個、承りました。\""
            );
            w!(
                o,
                "    set $product = $slot.Product, $quantity = $slot.Quantity"
            );
            w!(o, "    -> {next}");
            w!(o, "  }}");
        }
        T::Input => {
            w!(o, "  {me} {{");
            if variant.is_multiple_of(2) {
                w!(
                    o,
                    "    input $callback_number \"折り返し先の電話番号を市外局番から入力し、最後にシャープを押してください。\" max 11 digits end \"#\" timeout 8s interdigit 3s phone local JP {{"
                );
                w!(o, "      ok      -> {next}");
                w!(o, "      timeout -> retry 2 then agent");
                w!(o, "      invalid -> retry 2 then agent");
                w!(o, "      error   -> trouble");
            } else {
                w!(
                    o,
                    "    input $order_no \"ご注文番号10桁を入力してください。\" max 10 digits end \"#\" timeout 8s {{"
                );
                w!(o, "      ok      -> {next}");
                w!(o, "      timeout -> retry 2 then agent");
                w!(o, "      error   -> trouble");
            }
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::CallBranch => {
            let hold = format!("account_hold_{i}");
            w!(o, "  {me} {{");
            w!(
                o,
                "    call {n}Lookup {{ member: $member_id, phone: $caller.number, channel: \"voice\", attempt: {} }} timeout 4s {{",
                variant + 1
            );
            w!(o, "      error -> retry 1 then trouble");
            w!(o, "    }}");
            if variant.is_multiple_of(2) {
                w!(o, "    branch $result.status {{");
                w!(o, "      \"active\"              -> {next}");
                w!(o, "      \"suspended\"           -> {hold}");
                w!(o, "      starts with \"pending\" -> agent");
                w!(o, "      else                  -> agent");
                w!(o, "    }}");
            } else {
                w!(o, "    branch $result.count {{");
                w!(o, "      > 10 -> agent");
                w!(o, "      <= 0 -> {hold}");
                w!(o, "      else -> {next}");
                w!(o, "    }}");
            }
            w!(o, "  }}");
            w!(o, "  {hold} {{");
            w!(
                o,
                "    say \"お客様のご契約は現在ご利用を停止しております。ご注文番号は{{$result.orderId}}です。担当者にお繋ぎします。\""
            );
            w!(o, "    -> agent");
            w!(o, "  }}");
        }
        T::Calendar => {
            let calendar = if variant.is_multiple_of(2) {
                format!("{n}Closures")
            } else {
                "JapanHolidays".to_owned()
            };
            w!(o, "  {me} {{");
            w!(o, "    check calendar {calendar} {{");
            w!(o, "      open    -> {next}");
            w!(o, "      holiday -> closed");
            w!(o, "      closure -> closed");
            w!(o, "      error   -> trouble");
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::QueueLoad => {
            let offer = format!("offer_callback_{i}");
            w!(o, "  {me} {{");
            w!(o, "    check queue {n}Queue {{");
            w!(o, "      waiting > {} -> {offer}", 10 + 5 * variant);
            w!(o, "      wait > {}m    -> {offer}", 2 + variant);
            w!(o, "      else         -> {next}");
            w!(o, "    }}");
            w!(o, "  }}");
            w!(o, "  {offer} {{");
            w!(
                o,
                "    say \"ただいま大変混み合っております。順番に折り返しお電話いたします。\""
            );
            w!(
                o,
                "    callback queue {n}Callbacks number $caller.number after 10m attempts 3 every 5m {{"
            );
            w!(o, "      ok           -> goodbye");
            w!(o, "      invalid      -> agent");
            w!(o, "      not dialable -> agent");
            w!(o, "      error        -> trouble");
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::Verify => {
            w!(o, "  {me} {{");
            w!(
                o,
                "    run module {n}Verify {{ channel: \"voice\", source: \"{}\" }} {{",
                d.flow(cx.index)
            );
            w!(o, "      verified -> {next}");
            w!(o, "      failed   -> retry 1 then agent");
            w!(o, "      error    -> trouble");
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::Withheld => {
            let anon = format!("withheld_{i}");
            w!(o, "  {me} {{");
            w!(o, "    branch $caller.number {{");
            w!(o, "      withheld -> {anon}");
            w!(o, "      else     -> {next}");
            w!(o, "    }}");
            w!(o, "  }}");
            w!(o, "  {anon} {{");
            w!(
                o,
                "    say \"番号非通知でおかけのお客様は、折り返しのご連絡ができませんのでご了承ください。\""
            );
            w!(o, "    set $withheld = true");
            w!(o, "    -> {next}");
            w!(o, "  }}");
        }
        T::Distribute => {
            let survey = format!("survey_{i}");
            let share = 10 + 10 * variant;
            w!(o, "  {me} {{");
            w!(o, "    distribute {{");
            w!(o, "      {share}% -> {survey}");
            w!(o, "      {}% -> {next}", 100 - share);
            w!(o, "    }}");
            w!(o, "  }}");
            w!(o, "  {survey} {{");
            w!(
                o,
                "    say \"通話の終了後、サービス向上のためのアンケートにご協力ください。\""
            );
            w!(o, "    set $survey = \"yes\"");
            w!(o, "    -> {next}");
            w!(o, "  }}");
        }
        T::Profile => {
            w!(o, "  {me} {{");
            w!(o, "    lookup profile by phone $caller.number {{");
            w!(o, "      found     -> {next}");
            w!(o, "      not found -> {next}");
            w!(o, "      multiple  -> agent");
            w!(o, "      error     -> trouble");
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::Staffing => {
            let queue = if variant.is_multiple_of(2) {
                "Queue"
            } else {
                "PriorityQueue"
            };
            w!(o, "  {me} {{");
            w!(
                o,
                "    check staffing {n}{queue} {{ available -> {next}  else -> busy  error -> trouble }}"
            );
            w!(o, "  }}");
        }
        T::Opening => {
            w!(o, "  {me} {{");
            w!(o, "    run module {n}OpeningCheck {{");
            w!(o, "      open   -> {next}");
            w!(o, "      closed -> closed");
            w!(o, "      error  -> trouble");
            w!(o, "    }}");
            w!(o, "  }}");
        }
        T::English => {
            w!(o, "  {me} {{");
            w!(o, "    set voice en-US Joanna neural");
            w!(o, "    set priority {}", 1 + variant);
            w!(
                o,
                "    say \"Thank you for calling the {} desk. Your call may be recorded.\"",
                d.name
            );
            w!(o, "    set $lang = \"en\"");
            w!(o, "    -> {next}");
            w!(o, "  }}");
        }
        T::Reserve => {
            w!(o, "  {me} {{");
            w!(
                o,
                "    call {n}Reserve {{ product: $product, quantity: $quantity, rush: {} }} timeout 6s {{",
                variant.is_multiple_of(2)
            );
            w!(o, "      ok    -> {next}");
            w!(o, "      error -> agent");
            w!(o, "    }}");
            w!(o, "  }}");
        }
    }
}

fn closing(o: &mut String, cx: &FlowCx<'_>) {
    let d = cx.dept;
    let n = &d.name;
    let ja = d.ja;
    w!(o);
    w!(o, "  agent {{");
    w!(o, "    set $flow.reason = \"agent\"");
    w!(o, "    set queue flow {n}Waiting");
    w!(o, "    transfer to queue {n}Queue whisper {n}Whisper {{");
    w!(o, "      full  -> busy");
    w!(o, "      error -> trouble");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  busy {{");
    w!(
        o,
        "    say \"ただいま電話が大変混み合っております。折り返しのご連絡をご希望の場合はそのままお待ちください。\""
    );
    w!(
        o,
        "    callback queue {n}Callbacks number $caller.number after 15m attempts 2 every 10m {{"
    );
    w!(o, "      ok           -> goodbye");
    w!(o, "      invalid      -> goodbye");
    w!(o, "      not dialable -> goodbye");
    w!(o, "      error        -> trouble");
    w!(o, "    }}");
    w!(o, "  }}");
    w!(o, "  closed {{");
    w!(
        o,
        "    say \"本日の{ja}窓口の受付は終了いたしました。恐れ入りますが、営業時間内におかけ直しください。\""
    );
    w!(o, "    hang up");
    w!(o, "  }}");
    w!(
        o,
        "  goodbye {{ say \"お電話ありがとうございました。\" hang up }}"
    );
    w!(o, "  trouble {{");
    w!(
        o,
        "    say \"申し訳ございません。システムに問題が発生しました。時間をおいておかけ直しください。\""
    );
    w!(o, "    hang up");
    w!(o, "  }}");
    w!(
        o,
        "  next_flow {{ transfer to flow {} {{ error -> trouble }} }}",
        d.flow(cx.next)
    );
    w!(o, "  other_dept {{");
    w!(o, "    say \"{}窓口にお繋ぎします。\"", cx.other.ja);
    w!(
        o,
        "    transfer to flow {} {{ error -> trouble }}",
        cx.other.flow(0)
    );
    w!(o, "  }}");
    w!(o, "  hotline {{");
    w!(
        o,
        "    transfer to number \"+81312{:06}\" timeout 30s {{",
        100_000 + d.index
    );
    w!(o, "      failed  -> agent");
    w!(o, "      timeout -> agent");
    w!(o, "      error   -> trouble");
    w!(o, "    }}");
    w!(o, "  }}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyze};
    use crate::diagnostics::render::render_plain;
    use crate::source::MemoryLoader;

    fn analyze_project(files: &[(String, String)]) -> crate::compile::Project {
        let mut loader = MemoryLoader::new();
        for (p, t) in files {
            loader.insert(p, t.as_str());
        }
        let roots = files.iter().map(|(p, _)| p.clone()).collect();
        analyze(
            &loader,
            &Options {
                roots,
                environments: Vec::new(),
            },
        )
    }

    fn assert_clean(files: &[(String, String)]) {
        let p = analyze_project(files);
        if !p.diagnostics.is_empty() {
            let shown: Vec<String> = p
                .diagnostics
                .iter()
                .take(20)
                .map(|d| render_plain(&p.sources, d))
                .collect();
            panic!(
                "{} diagnostics, first ones:\n{}",
                p.diagnostics.len(),
                shown.join("\n")
            );
        }
        assert_eq!(p.files.len(), files.len(), "every file is loaded");
    }

    fn total_steps(p: &crate::compile::Project) -> usize {
        p.model.flows.iter().map(|f| f.steps.len()).sum()
    }

    #[test]
    fn two_thousand_steps_analyze_cleanly() {
        let files = project(2_000);
        assert_clean(&files);
        let p = analyze_project(&files);
        let steps = total_steps(&p);
        assert!((1_900..=2_100).contains(&steps), "{steps} steps");
        assert!(
            p.model.bots.len() >= 2 && p.model.queues.len() >= 6 && p.model.calendars.len() >= 3
        );
        let per_file = lines(&files) / files.len();
        assert!(per_file > 100, "{per_file} lines per file");
    }

    #[test]
    fn small_and_odd_sizes_analyze_cleanly() {
        for steps in [1, 30, 100, 437, 999] {
            assert_clean(&project(steps));
        }
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(project(700), project(700));
        assert_eq!(project_seeded(700, 9), project_seeded(700, 9));
    }

    #[test]
    fn seeds_change_the_flows_not_the_layout() {
        assert_eq!(project(700), project_seeded(700, 0));
        let (a, b) = (project_seeded(700, 1), project_seeded(700, 2));
        assert_ne!(a, b);
        let paths = |p: &[(String, String)]| p.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&a), paths(&b));
        assert_clean(&a);
        assert_clean(&b);
    }
}
