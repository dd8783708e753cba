using Cabinets.Api.Fulfillment;
using Cabinets.Api.Hosting;
using Marten;
using Npgsql;

namespace Cabinets.Fulfillment.Bench;

/// <summary>
/// The Api's store options for the fulfillment module: <see cref="CritterStackSetup.ConfigureMarten"/>
/// (the shared part) and <see cref="FulfillmentModule.ConfigureMarten"/> (the fulfillment snapshots,
/// their indexes and the ledger), so the bench measures the Api's registration as it is.
/// </summary>
internal static class ApiStore
{
    public static StoreOptions Options(NpgsqlDataSource db)
    {
        var opts = new StoreOptions();
        opts.Connection(db);
        CritterStackSetup.ConfigureMarten(opts);
        FulfillmentModule.ConfigureMarten(opts);
        return opts;
    }
}
