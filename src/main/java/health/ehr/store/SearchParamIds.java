package health.ehr.store;

/**
 * The small integer that stands for a (resource type, search parameter) pair in the search index tables: their
 * keys start with it instead of two strings, which makes the indexes smaller and their comparisons cheaper.
 */
@FunctionalInterface
interface SearchParamIds {

	int id(String type, String param);

}
