//! Lex-like understanding: intents, slots, synonyms, numbers, fallback, in English and Japanese.

use dialect_compiler::lex::{
    Bot, BotLocale, Intent, ResolutionStrategy, SampleUtterance, Slot, SlotConstraint, SlotType,
    SlotTypeValue, ValueElicitationSetting,
};
use dialect_runtime::nlu::{BotModel, Recognition, Scratch};

fn english_bot() -> Bot {
    let mut bot = Bot::new("PizzaBot", false, 300);
    let mut en = BotLocale::new("en_US", 0.4);
    en.slot_types.push(SlotType::new(
        "PizzaType",
        vec![
            SlotTypeValue::new("pepperoni", ["salami pizza".to_owned()]),
            SlotTypeValue::new("margherita", Vec::new()),
        ],
        ResolutionStrategy::OriginalValue,
    ));
    let mut order = Intent::new("OrderPizza");
    order.sample_utterances = Some(vec![
        SampleUtterance::new("I want {Quantity} {PizzaType}"),
        SampleUtterance::new("order a {PizzaType} pizza"),
    ]);
    let opt = || ValueElicitationSetting::new(SlotConstraint::Optional, None);
    order
        .slots
        .push(Slot::new("Quantity", "AMAZON.Number", opt()));
    order.slots.push(Slot::new("PizzaType", "PizzaType", opt()));
    let mut cancel = Intent::new("CancelOrder");
    cancel.sample_utterances = Some(vec![SampleUtterance::new("cancel my order")]);
    let mut confirm = Intent::new("Answer");
    confirm.sample_utterances = Some(vec![SampleUtterance::new("my answer is {Reply}")]);
    confirm
        .slots
        .push(Slot::new("Reply", "AMAZON.Confirmation", opt()));
    en.intents = vec![order, cancel, confirm];
    bot.locales.push(en);
    bot
}

fn recognize(model: &BotModel, text: &str) -> (String, Vec<(String, String)>) {
    let locale = model.locale(None).expect("locale");
    let mut scratch = Scratch::default();
    let mut r = Recognition::default();
    locale.recognize(text, &mut scratch, &mut r);
    let slots = r
        .intent
        .and_then(|i| locale.intents.get(i))
        .map(|i| {
            i.slots
                .iter()
                .zip(&r.slots)
                .filter_map(|(s, v)| v.clone().map(|v| (s.name.clone(), v)))
                .collect()
        })
        .unwrap_or_default();
    (locale.intent_name(r.intent).to_owned(), slots)
}

fn s(k: &str, v: &str) -> (String, String) {
    (k.to_owned(), v.to_owned())
}

#[test]
fn english_utterances_slots_and_number_words() {
    let m = BotModel::compile(&english_bot(), Vec::new());
    assert_eq!(
        recognize(&m, "I want two pepperoni"),
        (
            "OrderPizza".into(),
            vec![s("Quantity", "2"), s("PizzaType", "pepperoni")]
        )
    );
    assert_eq!(
        recognize(&m, "i want 3 Salami Pizza!"),
        (
            "OrderPizza".into(),
            vec![s("Quantity", "3"), s("PizzaType", "Salami Pizza")]
        )
    );
    // Not an exact utterance: slots are spotted, the rest compared.
    assert_eq!(
        recognize(&m, "could I get twenty five margherita please"),
        (
            "OrderPizza".into(),
            vec![s("Quantity", "25"), s("PizzaType", "margherita")]
        )
    );
    assert_eq!(recognize(&m, "Cancel my order.").0, "CancelOrder");
    assert_eq!(
        recognize(&m, "my answer is yeah sure"),
        ("Answer".into(), vec![s("Reply", "Yes")])
    );
    assert_eq!(
        recognize(&m, "what's the weather like on mars").0,
        "FallbackIntent"
    );
    assert_eq!(recognize(&m, "").0, "FallbackIntent");
}

#[test]
fn japanese_numbers_synonyms_and_restricted_values() {
    let m = BotModel::compile(&crate::common::order_bot(), Vec::new());
    for (text, product, qty) in [
        ("りんごを2個ください", "りんご", "2"),
        ("リンゴを２個ください", "りんご", "2"),
        ("林檎を三個ください", "りんご", "3"),
        ("アップルを二十五個ください", "りんご", "25"),
        ("みかんを百個ください", "みかん", "100"),
        ("みかんを十二個ください", "みかん", "12"),
    ] {
        assert_eq!(
            recognize(&m, text),
            (
                "OrderProduct".into(),
                vec![s("Product", product), s("Quantity", qty)]
            ),
            "{text}"
        );
    }
    // TOP_RESOLUTION: an unknown product is not a value, so the exact pattern does not match.
    let (intent, slots) = recognize(&m, "ぶどうを2個ください");
    assert_eq!(intent, "OrderProduct");
    assert_eq!(slots, vec![s("Quantity", "2")]);
    assert_eq!(recognize(&m, "担当者").0, "TalkToAgent");
    assert_eq!(recognize(&m, "オペレーターと話したいです").0, "TalkToAgent");
    assert_eq!(recognize(&m, "今日はいい天気ですね").0, "FallbackIntent");
}

#[test]
fn recognition_is_deterministic() {
    let m = BotModel::compile(&crate::common::order_bot(), Vec::new());
    let a = recognize(&m, "みかんとりんごを3個");
    for _ in 0..10 {
        assert_eq!(recognize(&m, "みかんとりんごを3個"), a);
    }
}
