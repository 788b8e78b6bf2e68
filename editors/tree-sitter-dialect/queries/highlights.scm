; Highlights for Dialect (.dial). Capture names follow the common set shared by Neovim,
; Helix and Zed.

(comment) @comment

(string) @string
(text_block) @string

[
  "use" "flow" "bot" "integration" "queue" "hours" "calendar" "locale" "intent" "slot"
  "type"
] @keyword

[
  "say" "ask" "menu" "repeat" "input" "call" "set" "branch" "check" "transfer" "to" "run" "module"
  "callback" "hang" "up" "return" "end" "dial" "lookup" "profile" "distribute" "connect"
] @keyword.function

[
  "kind" "voice" "on" "error" "description" "logging" "returns" "confidence" "resolution"
  "utterance" "confirm" "decline" "optional" "required" "lambda" "timeout" "timezone"
  "closed" "interdigit" "max" "digits" "phone" "encrypted" "with" "after" "attempts" "every"
  "priority" "whisper" "by" "from" "number" "agent" "customer" "outbound"
] @keyword

[ "retry" "times" "saying" "then" ] @keyword.control

[
  "test" "at" "caller" "withheld" "says" "presses" "is" "silent" "hangs" "mock" "fails"
  "fail" "in" "malformed" "full" "none" "multiple" "expect" "containing" "answers"
] @keyword

(action_ref) @function

(voice_engine) @constant.builtin
(boolean) @constant.builtin

(arrow) @operator
(operator) @operator
[ "=" ".." "-" ] @operator
[ "{" "}" ] @punctuation.bracket
[ "," ":" ] @punctuation.delimiter

(reference) @variable
(number) @number
(integer) @number
(duration) @number
(percent) @number
(date) @number
(time) @number
(key) @constant
(locale) @constant
(country_code) @constant
(time_zone) @string.special

(flow_declaration name: (identifier) @type)
(bot_declaration name: (identifier) @type)
(integration_declaration name: (identifier) @type)
(queue_declaration name: (identifier) @type)
(hours_declaration name: (identifier) @type)
(calendar_declaration name: (identifier) @type)
(slot_type_declaration name: (identifier) @type)
(slot_declaration name: (identifier) @variable.parameter)
(slot_declaration type: (type_name) @type)
(intent_declaration name: (identifier) @function)
(step name: (identifier) @function)
(step_name) @function
(argument name: (identifier) @property)
(ask_statement bot: (identifier) @type)
(call_statement integration: (identifier) @type)
(run_statement module: (identifier) @type)
(transfer_queue queue: (identifier) @type)
(transfer_queue whisper: (identifier) @type)
(check_statement name: (identifier) @type)

(pattern (identifier) @label)
