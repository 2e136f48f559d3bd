package health.ehr.fhir;

import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;

import org.hl7.fhir.r4.model.Bundle;

import health.ehr.store.HistoryQuery;
import health.ehr.store.ResourceStore;

/**
 * The system-level interactions: batch and transaction ({@code POST [base]}) and the server's history.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#transaction">FHIR R4 batch and transaction</a>
 */
public final class SystemProvider {

	private final TransactionProcessor transactions;

	private final ResourceStore store;

	private final FhirBundles bundles;

	private final FhirProperties properties;

	SystemProvider(TransactionProcessor transactions, ResourceStore store, FhirBundles bundles,
			FhirProperties properties) {
		this.transactions = transactions;
		this.store = store;
		this.bundles = bundles;
		this.properties = properties;
	}

	@Transaction
	public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
		return this.transactions.process(bundle, request);
	}

	@History
	public Bundle serverHistory(@Count Integer count, RequestDetails request) {
		HistoryQuery query = FhirRequests.history(Optional.empty(), Optional.empty(), count, request, this.properties);
		return this.bundles.history(request, this.store.history(query, FhirRequests.restriction(request)));
	}

}
