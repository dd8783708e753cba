using Cabinets.Domain.Lockers.Parcels;
using Npgsql;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>Bookings, deposits, pickups and their timers (ADR-0021, ADR-0022).</summary>
internal static class ParcelsModule
{
    public static IServiceCollection AddParcels(this IServiceCollection services, IConfiguration config)
    {
        var d = LockerTimings.Default;
        // Lockers:Timings:BookingHold etc. as TimeSpan text ("2.00:00:00"), e.g. shorter for a demo.
        var timings = new LockerTimings(
            config.GetValue("Lockers:Timings:BookingHold", d.BookingHold),
            config.GetValue("Lockers:Timings:ReminderAfter", d.ReminderAfter),
            config.GetValue("Lockers:Timings:OverdueAfter", d.OverdueAfter),
            config.GetValue("Lockers:Timings:RepeatPickupWindow", d.RepeatPickupWindow));
        services.AddSingleton(timings);
        services.AddSingleton<ParcelTexts>();
        services.AddSingleton<ParcelBooking>();
        services.AddSingleton<PickupLockout>();
        var key = config["Lockers:PickupCodeKey"];
        services.AddSingleton(sp => new PickupCodes(sp.GetRequiredService<NpgsqlDataSource>(), string.IsNullOrEmpty(key) ? null : Convert.FromBase64String(key)));
        return services;
    }
}
