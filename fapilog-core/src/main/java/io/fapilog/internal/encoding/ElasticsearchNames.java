package io.fapilog.internal.encoding;

import java.util.Set;

/**
 * Elasticsearch's (and OpenSearch's) metadata field names: a document that carries one at its top
 * level is refused whole ("Field [_id] is a metadata field and cannot be added inside a document"),
 * so the layouts meant for it never write a user's member under one.
 */
final class ElasticsearchNames {

    private static final Set<String> METADATA = Set.of("_id", "_index", "_type", "_source", "_size", "_doc_count",
            "_field_names", "_ignored", "_ignored_source", "_routing", "_meta", "_tier", "_seq_no", "_primary_term",
            "_version", "_data_stream_timestamp", "_nested_path", "_feature", "_recovery_source", "_tsid");

    private ElasticsearchNames() {
    }

    static boolean isMetadata(String name) {
        return !name.isEmpty() && name.charAt(0) == '_' && METADATA.contains(name);
    }
}
