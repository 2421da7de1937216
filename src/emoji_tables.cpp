// foundation's emoji tables (docs/foundation.md#prefix-table, #event-sets) and logmoji's hash
// palette, as data only.
// Code points are given in comments where a variation selector or a multi-code-point sequence
// matters: the console pads by code points.
#include "logmoji/emoji_tables.hpp"

namespace logmoji {
namespace {
// The tables are laid out by hand: rows as the library lists them, emoji in columns.
// clang-format off

// _LOGGER_NAME_EMOJI_PREFIXES in match order: longest first, ties in the library's order.
constexpr logger_prefix logger_prefix_table[] = {
    {"provide.foundation.emoji_matrix_display", "💡"},  // 1F4A1
    {"provide.foundation.logger.config", "🔩"},  // 1F529
    {"provide.foundation.core_setup", "🛠️"},  // 1F6E0 FE0F
    {"service.gamma.trace_enabled", "🇬"},  // 1F1EC
    {"pyvider.dynamic_call_trace", "👣"},  // 1F463
    {"provide.foundation.logger", "📝"},  // 1F4DD
    {"pyvider.dynamic_call", "🗣️"},  // 1F5E3 FE0F
    {"service.beta.child", "👶"},  // 1F476
    {"service.name.test", "📛"},  // 1F4DB
    {"formatter.test", "🎨"},  // 1F3A8
    {"service.alpha", "🇦"},  // 1F1E6
    {"service.delta", "🇩"},  // 1F1E9
    {"json.exc.test", "💥"},  // 1F4A5
    {"service.beta", "🇧"},  // 1F1E7
    {"emoji.test", "🎭"},  // 1F3AD
    {"das.test", "🃏"},  // 1F0CF
    {"unknown", "❓"},  // 2753
};

// Never reordered or shrunk: the palette index is part of logmoji's output contract.
constexpr std::string_view palette[] = {
    "🐝", "🦊", "🐙", "🦉", "🐢", "🦀", "🐳", "🦋",
    "🐌", "🦜", "🦔", "🦩", "🐧", "🦒", "🦓", "🐨",
    "🐼", "🦁", "🐯", "🐸", "🐲", "🦕", "🦖", "🐊",
    "🦈", "🐡", "🦑", "🦞", "🐚", "🌵", "🌻", "🌲",
    "🍄", "🍀", "🌈", "🌙", "⭐", "🍉", "🍋", "🍒",
    "🍇", "🍍", "🥑", "🍩", "🍪", "🧀", "🎈", "🎲",
    "🧩", "🪁", "🔮", "🧭", "⚓", "🎸", "🚲", "⛵",
    "🪐", "🔔", "🧲", "🌞", "🦚", "🌋", "🍔", "🧸",
};

constexpr value_marker llm_provider_markers[] = {
    {"openai", "🤖"},  // 1F916
    {"anthropic", "📚"},  // 1F4DA
    {"google", "🇬"},  // 1F1EC
    {"meta", "🦙"},  // 1F999
    {"mistral", "🌬️"},  // 1F32C FE0F
    {"perplexity", "❓"},  // 2753
    {"cohere", "🔊"},  // 1F50A
};
constexpr metadata_field llm_provider_openai_metadata[] = {
    {"llm.vendor", metadata_kind::string, "openai"},
    {"llm.api", metadata_kind::string, "openai"},
};
constexpr metadata_field llm_provider_anthropic_metadata[] = {
    {"llm.vendor", metadata_kind::string, "anthropic"},
    {"llm.api", metadata_kind::string, "claude"},
};
constexpr metadata_field llm_provider_google_metadata[] = {
    {"llm.vendor", metadata_kind::string, "google"},
    {"llm.api", metadata_kind::string, "gemini"},
};
constexpr metadata_field llm_provider_meta_metadata[] = {
    {"llm.vendor", metadata_kind::string, "meta"},
    {"llm.api", metadata_kind::string, "llama"},
};
constexpr metadata_field llm_provider_mistral_metadata[] = {
    {"llm.vendor", metadata_kind::string, "mistral"},
    {"llm.api", metadata_kind::string, "mistral"},
};
constexpr value_metadata llm_provider_metadata[] = {
    {"openai", llm_provider_openai_metadata},
    {"anthropic", llm_provider_anthropic_metadata},
    {"google", llm_provider_google_metadata},
    {"meta", llm_provider_meta_metadata},
    {"mistral", llm_provider_mistral_metadata},
};
constexpr value_marker llm_task_markers[] = {
    {"generation", "✍️"},  // 270D FE0F
    {"embedding", "🔗"},  // 1F517
    {"chat", "💬"},  // 1F4AC
    {"tool_use", "🛠️"},  // 1F6E0 FE0F
    {"summarization", "📜"},  // 1F4DC
    {"translation", "🌐"},  // 1F310
    {"classification", "🏷️"},  // 1F3F7 FE0F
};
constexpr metadata_field llm_task_generation_metadata[] = {
    {"llm.type", metadata_kind::string, "generative"},
};
constexpr metadata_field llm_task_completion_metadata[] = {
    {"llm.type", metadata_kind::string, "completion"},
};
constexpr metadata_field llm_task_embedding_metadata[] = {
    {"llm.type", metadata_kind::string, "embedding"},
};
constexpr metadata_field llm_task_chat_metadata[] = {
    {"llm.type", metadata_kind::string, "conversational"},
};
constexpr metadata_field llm_task_tool_use_metadata[] = {
    {"llm.type", metadata_kind::string, "function_calling"},
};
constexpr value_metadata llm_task_metadata[] = {
    {"generation", llm_task_generation_metadata},
    {"completion", llm_task_completion_metadata},
    {"embedding", llm_task_embedding_metadata},
    {"chat", llm_task_chat_metadata},
    {"tool_use", llm_task_tool_use_metadata},
};
constexpr value_marker llm_outcome_markers[] = {
    {"success", "👍"},  // 1F44D
    {"error", "🔥"},  // 1F525
    {"filtered_input", "🛡️👁️"},  // 1F6E1 FE0F 1F441 FE0F
    {"filtered_output", "🛡️🗣️"},  // 1F6E1 FE0F 1F5E3 FE0F
    {"rate_limit", "⏳"},  // 23F3
    {"partial_success", "🤏"},  // 1F90F
};
constexpr metadata_field llm_outcome_success_metadata[] = {
    {"llm.success", metadata_kind::true_value, {}},
};
constexpr metadata_field llm_outcome_error_metadata[] = {
    {"llm.error", metadata_kind::true_value, {}},
};
constexpr metadata_field llm_outcome_rate_limit_metadata[] = {
    {"llm.rate_limited", metadata_kind::true_value, {}},
};
constexpr metadata_field llm_outcome_filtered_input_metadata[] = {
    {"llm.filtered", metadata_kind::true_value, {}},
    {"llm.filter_type", metadata_kind::string, "input"},
};
constexpr metadata_field llm_outcome_filtered_output_metadata[] = {
    {"llm.filtered", metadata_kind::true_value, {}},
    {"llm.filter_type", metadata_kind::string, "output"},
};
constexpr value_metadata llm_outcome_metadata[] = {
    {"success", llm_outcome_success_metadata},
    {"error", llm_outcome_error_metadata},
    {"rate_limit", llm_outcome_rate_limit_metadata},
    {"filtered_input", llm_outcome_filtered_input_metadata},
    {"filtered_output", llm_outcome_filtered_output_metadata},
};
constexpr marker_mapping llm_mappings[] = {
    {"llm_provider", llm_provider_markers, "💡", llm_provider_metadata},  // default 1F4A1
    {"llm_task", llm_task_markers, "⚡", llm_task_metadata},  // default 26A1
    {"llm_outcome", llm_outcome_markers, "➡️", llm_outcome_metadata},  // default 27A1 FE0F
};

constexpr value_marker db_system_markers[] = {
    {"postgres", "🐘"},  // 1F418
    {"mysql", "🐬"},  // 1F42C
    {"sqlite", "💾"},  // 1F4BE
    {"mongodb", "🍃"},  // 1F343
    {"redis", "🟥"},  // 1F7E5
    {"elasticsearch", "🔍"},  // 1F50D
};
constexpr metadata_field db_system_postgres_metadata[] = {
    {"db.type", metadata_kind::string, "sql"},
    {"db.vendor", metadata_kind::string, "postgresql"},
};
constexpr metadata_field db_system_mysql_metadata[] = {
    {"db.type", metadata_kind::string, "sql"},
    {"db.vendor", metadata_kind::string, "mysql"},
};
constexpr metadata_field db_system_sqlite_metadata[] = {
    {"db.type", metadata_kind::string, "sql"},
    {"db.vendor", metadata_kind::string, "sqlite"},
};
constexpr metadata_field db_system_mongodb_metadata[] = {
    {"db.type", metadata_kind::string, "nosql"},
    {"db.vendor", metadata_kind::string, "mongodb"},
};
constexpr metadata_field db_system_redis_metadata[] = {
    {"db.type", metadata_kind::string, "cache"},
    {"db.vendor", metadata_kind::string, "redis"},
};
constexpr metadata_field db_system_elasticsearch_metadata[] = {
    {"db.type", metadata_kind::string, "search"},
    {"db.vendor", metadata_kind::string, "elastic"},
};
constexpr value_metadata db_system_metadata[] = {
    {"postgres", db_system_postgres_metadata},
    {"mysql", db_system_mysql_metadata},
    {"sqlite", db_system_sqlite_metadata},
    {"mongodb", db_system_mongodb_metadata},
    {"redis", db_system_redis_metadata},
    {"elasticsearch", db_system_elasticsearch_metadata},
};
constexpr value_marker db_operation_markers[] = {
    {"query", "🔍"},  // 1F50D
    {"select", "🔍"},  // 1F50D
    {"insert", "+"},  // 002B
    {"update", "🔄"},  // 1F504
    {"delete", "🗑️"},  // 1F5D1 FE0F
    {"connect", "🔗"},  // 1F517
    {"disconnect", "💔"},  // 1F494
    {"transaction_begin", "💳🟢"},  // 1F4B3 1F7E2
    {"transaction_rollback", "💳❌"},  // 1F4B3 274C
};
constexpr metadata_field db_operation_query_metadata[] = {
    {"db.read", metadata_kind::true_value, {}},
};
constexpr metadata_field db_operation_select_metadata[] = {
    {"db.read", metadata_kind::true_value, {}},
};
constexpr metadata_field db_operation_insert_metadata[] = {
    {"db.write", metadata_kind::true_value, {}},
};
constexpr metadata_field db_operation_update_metadata[] = {
    {"db.write", metadata_kind::true_value, {}},
};
constexpr metadata_field db_operation_delete_metadata[] = {
    {"db.write", metadata_kind::true_value, {}},
};
constexpr value_metadata db_operation_metadata[] = {
    {"query", db_operation_query_metadata},
    {"select", db_operation_select_metadata},
    {"insert", db_operation_insert_metadata},
    {"update", db_operation_update_metadata},
    {"delete", db_operation_delete_metadata},
};
constexpr value_marker db_outcome_markers[] = {
    {"success", "👍"},  // 1F44D
    {"error", "🔥"},  // 1F525
    {"not_found", "❓🤷"},  // 2753 1F937
    {"timeout", "⏱️"},  // 23F1 FE0F
};
constexpr metadata_field db_outcome_success_metadata[] = {
    {"db.success", metadata_kind::true_value, {}},
};
constexpr metadata_field db_outcome_error_metadata[] = {
    {"db.error", metadata_kind::true_value, {}},
};
constexpr metadata_field db_outcome_timeout_metadata[] = {
    {"db.timeout", metadata_kind::true_value, {}},
};
constexpr value_metadata db_outcome_metadata[] = {
    {"success", db_outcome_success_metadata},
    {"error", db_outcome_error_metadata},
    {"timeout", db_outcome_timeout_metadata},
};
constexpr marker_mapping database_mappings[] = {
    {"db_system", db_system_markers, "🗄️", db_system_metadata},  // default 1F5C4 FE0F
    {"db_operation", db_operation_markers, "", db_operation_metadata},  // default none
    {"db_outcome", db_outcome_markers, "➡️", db_outcome_metadata},  // default 27A1 FE0F
};

constexpr value_marker http_method_markers[] = {
    {"get", "📥"},  // 1F4E5
    {"post", "📤"},  // 1F4E4
    {"put", "📝⬆️"},  // 1F4DD 2B06 FE0F
    {"delete", "🗑️"},  // 1F5D1 FE0F
    {"patch", "🩹"},  // 1FA79
    {"head", "👤❔"},  // 1F464 2754
};
constexpr value_marker http_status_class_markers[] = {
    {"1xx", "i"},  // 0069
    {"3xx", "↪️"},  // 21AA FE0F
    {"4xx", "⚠️CLIENT"},  // 26A0 FE0F 0043 004C 0049 0045 004E 0054
    {"5xx", "🔥SERVER"},  // 1F525 0053 0045 0052 0056 0045 0052
};
constexpr metadata_field http_status_class_2xx_metadata[] = {
    {"http.success", metadata_kind::true_value, {}},
};
constexpr metadata_field http_status_class_4xx_metadata[] = {
    {"http.client_error", metadata_kind::true_value, {}},
};
constexpr metadata_field http_status_class_5xx_metadata[] = {
    {"http.server_error", metadata_kind::true_value, {}},
};
constexpr value_metadata http_status_class_metadata[] = {
    {"2xx", http_status_class_2xx_metadata},
    {"4xx", http_status_class_4xx_metadata},
    {"5xx", http_status_class_5xx_metadata},
};
constexpr value_marker http_target_type_markers[] = {
    {"path", "🛣️"},  // 1F6E3 FE0F
    {"query", "❓"},  // 2753
    {"fragment", "#️⃣"},  // 0023 FE0F 20E3
};
constexpr marker_mapping http_mappings[] = {
    {"http_method", http_method_markers, "🌐", {}},  // default 1F310
    {"http_status_class", http_status_class_markers, "❓", http_status_class_metadata},  // default 2753
    {"http_target_type", http_target_type_markers, "🎯", {}},  // default 1F3AF
};

constexpr value_marker task_system_markers[] = {
    {"celery", "🥕"},  // 1F955
    {"rq", "🟥🇶"},  // 1F7E5 1F1F6
    {"dramatiq", "🎭"},  // 1F3AD
    {"rabbitmq", "🐇"},  // 1F407
};
constexpr metadata_field task_system_celery_metadata[] = {
    {"task.broker", metadata_kind::string, "celery"},
};
constexpr metadata_field task_system_rq_metadata[] = {
    {"task.broker", metadata_kind::string, "redis"},
};
constexpr metadata_field task_system_dramatiq_metadata[] = {
    {"task.broker", metadata_kind::string, "dramatiq"},
};
constexpr metadata_field task_system_kafka_metadata[] = {
    {"task.broker", metadata_kind::string, "kafka"},
    {"task.streaming", metadata_kind::true_value, {}},
};
constexpr metadata_field task_system_rabbitmq_metadata[] = {
    {"task.broker", metadata_kind::string, "amqp"},
};
constexpr value_metadata task_system_metadata[] = {
    {"celery", task_system_celery_metadata},
    {"rq", task_system_rq_metadata},
    {"dramatiq", task_system_dramatiq_metadata},
    {"kafka", task_system_kafka_metadata},
    {"rabbitmq", task_system_rabbitmq_metadata},
};
constexpr value_marker task_status_markers[] = {
    {"submitted", "➡️📨"},  // 27A1 FE0F 1F4E8
    {"received", "📥"},  // 1F4E5
    {"started", "▶️"},  // 25B6 FE0F
    {"progress", "🔄"},  // 1F504
    {"retrying", "🔁"},  // 1F501
    {"failure", "❌🔥"},  // 274C 1F525
    {"revoked", "🚫"},  // 1F6AB
};
constexpr metadata_field task_status_submitted_metadata[] = {
    {"task.state", metadata_kind::string, "pending"},
};
constexpr metadata_field task_status_received_metadata[] = {
    {"task.state", metadata_kind::string, "pending"},
};
constexpr metadata_field task_status_started_metadata[] = {
    {"task.state", metadata_kind::string, "active"},
};
constexpr metadata_field task_status_progress_metadata[] = {
    {"task.state", metadata_kind::string, "active"},
};
constexpr metadata_field task_status_retrying_metadata[] = {
    {"task.state", metadata_kind::string, "retry"},
};
constexpr metadata_field task_status_success_metadata[] = {
    {"task.state", metadata_kind::string, "completed"},
    {"task.success", metadata_kind::true_value, {}},
};
constexpr metadata_field task_status_failure_metadata[] = {
    {"task.state", metadata_kind::string, "failed"},
    {"task.success", metadata_kind::false_value, {}},
};
constexpr metadata_field task_status_revoked_metadata[] = {
    {"task.state", metadata_kind::string, "cancelled"},
};
constexpr value_metadata task_status_metadata[] = {
    {"submitted", task_status_submitted_metadata},
    {"received", task_status_received_metadata},
    {"started", task_status_started_metadata},
    {"progress", task_status_progress_metadata},
    {"retrying", task_status_retrying_metadata},
    {"success", task_status_success_metadata},
    {"failure", task_status_failure_metadata},
    {"revoked", task_status_revoked_metadata},
};
constexpr marker_mapping task_queue_mappings[] = {
    {"task_system", task_system_markers, "📨", task_system_metadata},  // default 1F4E8
    {"task_status", task_status_markers, "❓", task_status_metadata},  // default 2753
};

constexpr value_marker domain_markers[] = {
    {"server", "🛎️"},  // 1F6CE FE0F
    {"client", "🙋"},  // 1F64B
    {"network", "🌐"},  // 1F310
    {"security", "🔐"},  // 1F510
    {"config", "🔩"},  // 1F529
    {"database", "🗄️"},  // 1F5C4 FE0F
    {"cache", "💾"},  // 1F4BE
    {"task", "🔄"},  // 1F504
    {"telemetry", "🛰️"},  // 1F6F0 FE0F
    {"di", "💉"},  // 1F489
    {"protocol", "📡"},  // 1F4E1
    {"user", "👤"},  // 1F464
    {"core", "🌟"},  // 1F31F
    {"auth", "🔑"},  // 1F511
    {"entity", "🦎"},  // 1F98E
    {"report", "📈"},  // 1F4C8
    {"payment", "💳"},  // 1F4B3
};
constexpr value_marker action_markers[] = {
    {"init", "🌱"},  // 1F331
    {"start", "🚀"},  // 1F680
    {"stop", "🛑"},  // 1F6D1
    {"connect", "🔗"},  // 1F517
    {"disconnect", "💔"},  // 1F494
    {"listen", "👂"},  // 1F442
    {"send", "📤"},  // 1F4E4
    {"receive", "📥"},  // 1F4E5
    {"write", "📝"},  // 1F4DD
    {"validate", "🛡️"},  // 1F6E1 FE0F
    {"execute", "▶️"},  // 25B6 FE0F
    {"query", "🔍"},  // 1F50D
    {"update", "🔄"},  // 1F504
    {"delete", "🗑️"},  // 1F5D1 FE0F
    {"login", "➡️"},  // 27A1 FE0F
    {"logout", "⬅️"},  // 2B05 FE0F
    {"auth", "🔑"},  // 1F511
    {"register", "📋"},  // 1F4CB
    {"error", "🔥"},  // 1F525
    {"encrypt", "🛡️"},  // 1F6E1 FE0F
    {"decrypt", "🔓"},  // 1F513
    {"transmit", "📡"},  // 1F4E1
    {"schedule", "📅"},  // 1F4C5
    {"emit", "📢"},  // 1F4E2
    {"load", "💡"},  // 1F4A1
    {"observe", "🧐"},  // 1F9D0
    {"request", "🗣️"},  // 1F5E3 FE0F
    {"interrupt", "🚦"},  // 1F6A6
};
constexpr value_marker status_markers[] = {
    {"failure", "❌"},  // 274C
    {"error", "🔥"},  // 1F525
    {"warning", "⚠️"},  // 26A0 FE0F
    {"info", "i"},  // 0069
    {"debug", "🐞"},  // 1F41E
    {"trace", "👣"},  // 1F463
    {"attempt", "⏳"},  // 23F3
    {"retry", "🔁"},  // 1F501
    {"skip", "⏭️"},  // 23ED FE0F
    {"complete", "🏁"},  // 1F3C1
    {"timeout", "⏱️"},  // 23F1 FE0F
    {"notfound", "❓"},  // 2753
    {"unauthorized", "🚫"},  // 1F6AB
    {"invalid", "💢"},  // 1F4A2
    {"cached", "🎯"},  // 1F3AF
    {"ongoing", "🏃"},  // 1F3C3
    {"idle", "💤"},  // 1F4A4
    {"ready", "👍"},  // 1F44D
};
constexpr marker_mapping default_mappings[] = {
    {"domain", domain_markers, "❓", {}},  // default 2753
    {"action", action_markers, "❓", {}},  // default 2753
    {"status", status_markers, "➡️", {}},  // default 27A1 FE0F
};

// Registered sets in the resolver's walking order: priority, highest first.
constexpr event_set set_table[] = {
    {"llm", 100, llm_mappings},
    {"database", 90, database_mappings},
    {"http", 80, http_mappings},
    {"task_queue", 70, task_queue_mappings},
    {"default", 0, default_mappings},
};

// clang-format on
}  // namespace

std::span<const logger_prefix> logger_prefixes() noexcept { return logger_prefix_table; }
std::string_view default_logger_emoji() noexcept { return "🔹"; }  // 1F539
std::span<const std::string_view> hash_palette() noexcept { return palette; }
std::span<const event_set> event_sets() noexcept { return set_table; }

}  // namespace logmoji
