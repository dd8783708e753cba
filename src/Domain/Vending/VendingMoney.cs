namespace Cabinets.Domain.Vending;

/// <summary>Ticket arithmetic (VENDING.md §1.3): 500 tickets per yuan is exactly 5 per fen; no rounding anywhere.</summary>
public static class VendingMoney
{
    public const long TicketsPerFen = 5;

    public static long TicketsFor(long fen) => checked(fen * TicketsPerFen);
}
