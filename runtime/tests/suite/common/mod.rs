//! Shared fixtures: an order-like flow (DTMF menu, Lex, Lambda, compare, queue transfer) and
//! its bot, used by the tests and the benchmark.
#![allow(dead_code)]

use dialect_compiler::connect::{Flow, import_flow};
use dialect_compiler::lex::{
    Bot, BotLocale, Intent, IntentConfirmationSetting, Message, MessageGroup, PromptSpecification,
    ResolutionStrategy, SampleUtterance, Slot, SlotConstraint, SlotType, SlotTypeValue,
    ValueElicitationSetting,
};
use dialect_compiler::span::FileId;
use dialect_runtime::hours::HoursOfOperation;
use dialect_runtime::mocks::LambdaBehavior;
use dialect_runtime::world::Queue;
use dialect_runtime::{Program, World};

pub const ORDER_JSON: &str = include_str!("../../fixtures/order.json");

pub fn flow(text: &str) -> Flow {
    let (flow, diags) = import_flow(FileId(0), text);
    match flow {
        Some(f) => f,
        None => panic!("flow does not import: {diags:?}"),
    }
}

fn prompt(text: &str) -> PromptSpecification {
    PromptSpecification::new(2, vec![MessageGroup::new(Message::plain_text(text))])
}

pub fn order_bot() -> Bot {
    let mut bot = Bot::new("OrderBot", false, 300);
    let mut ja = BotLocale::new("ja_JP", 0.4);
    ja.slot_types.push(SlotType::new(
        "Product",
        vec![
            SlotTypeValue::new("りんご", ["林檎".to_owned(), "アップル".to_owned()]),
            SlotTypeValue::new("みかん", Vec::new()),
        ],
        ResolutionStrategy::TopResolution,
    ));
    let mut order = Intent::new("OrderProduct");
    order.sample_utterances = Some(vec![
        SampleUtterance::new("{Product}を{Quantity}個ください"),
        SampleUtterance::new("{Product}が欲しい"),
    ]);
    order.slots.push(Slot::new(
        "Product",
        "Product",
        ValueElicitationSetting::new(
            SlotConstraint::Required,
            Some(prompt("どの商品になさいますか?")),
        ),
    ));
    order.slots.push(Slot::new(
        "Quantity",
        "AMAZON.Number",
        ValueElicitationSetting::new(
            SlotConstraint::Required,
            Some(prompt("いくつご注文されますか?")),
        ),
    ));
    order.confirmation = Some(IntentConfirmationSetting::new(
        prompt("{Product}を{Quantity}個でよろしいですか?"),
        None,
    ));
    let mut agent = Intent::new("TalkToAgent");
    agent.sample_utterances = Some(vec![
        SampleUtterance::new("オペレーターと話したい"),
        SampleUtterance::new("担当者"),
    ]);
    let mut fallback = Intent::new("FallbackIntent");
    fallback.parent_intent_signature = Some("AMAZON.FallbackIntent".to_owned().into());
    ja.intents = vec![order, agent, fallback];
    bot.locales.push(ja);
    bot
}

pub fn order_program() -> Program {
    Program::builder()
        .flow("PhoneOrder", flow(ORDER_JSON))
        .bot(
            order_bot(),
            vec!["arn:aws:lex:ap-northeast-1:123:bot-alias/ORDERBOT/TSTALIASID".to_owned()],
        )
        .build()
}

pub fn order_world() -> World {
    let mut w = World::default();
    w.hours.push(
        HoursOfOperation::parse("order-hours", "Asia/Tokyo", "mon-fri 09:00-18:00").expect("hours"),
    );
    w.queues.push(Queue {
        id: "order-queue".to_owned(),
        name: "Order".to_owned(),
        hours: Some("order-hours".to_owned()),
        ..Queue::default()
    });
    w.mock(
        "order-reserve-stock",
        LambdaBehavior::Returns(
            serde_json::json!({"status": "reserved", "orderId": "A-1", "count": 2}),
        ),
    )
}
