namespace Cabinets.Domain.Fulfillment;

// FULFILLMENT.md §3: master data and inventory. Quantities are units of a basic material; every
// event carries its time. The order, delivery and rule events come with the steps that use them.

public enum Platform
{
    Ecstore, Bbc, Vop, ShopexB2b, Shopex485, Dianzhanggui, Taobao, Paipai, Jd, Yihaodian, QqBuy, Dangdang, Amazon, Vjia, Alibaba, Suning,
    Yintai, Icbc, Mogujie, Gome, Wechat, Ccb, Meilishuo, Feiniu, Youzan, Juanpi, Mia, PublicB2c, Beibei, Youliang, Mengdian, Zhe800,
}

public enum SalesMaterialType { Normal, Bundle, Gift }

public enum WmsType { Own, ThirdParty }

public enum BranchRole { Shipping, Stocking }

public sealed record SalesComponent(string BasicMaterialCode, int Quantity);

/// <param name="SealedToken">The shop's token at the channel gateway (网店token), sealed under the server key (ADR-0023's scheme, `shop:{code}` as associated data): it signs the channel's requests and ours.</param>
public sealed record ShopRegistered(string ShopCode, string Name, Platform Platform, string NodeId, string SealedToken, DateTimeOffset At);

public sealed record ShopStockWriteBackSwitched(string ShopCode, bool Enabled, DateTimeOffset At);

public sealed record BasicMaterialRegistered(string Code, string Name, string? Barcode, int? WeightGrams, DateTimeOffset At);

public sealed record SalesMaterialRegistered(string Code, string Name, SalesMaterialType Type, IReadOnlyList<SalesComponent> Components, DateTimeOffset At);

public sealed record BranchRegistered(string BranchCode, string Name, WmsType WmsType, string? WmsCode, bool Online, BranchRole Role,
    IReadOnlyList<string> LinkedShopCodes, string? DefaultLogisticsCode, DateTimeOffset At);

// ── inventory (§2.8, §2.9): one stream per (branch, basic material), one per (shop, basic material) ──

public enum ShopFreezeCause { OrderCreated, OrderEdited, FailedOrderRepaired, DeliveryCancelled, DeliveryRevoked, DeliveryRejected }

public enum ShopReleaseCause { OrderCancelled, OrderEdited, DeliveryCreated, RemainderCancelled }

public enum StockDocumentType { Delivery, TransferOut, PurchaseReturn }

public enum BranchReleaseCause { Consigned, Cancelled, Revoked, Rejected, Completed }

public enum StockLedgerType { SalesOut, PurchaseIn, TransferOut, PurchaseReturn }

public enum InTransitCause { Approved, Received, Cancelled }

public sealed record ShopStockFrozen(string ShopCode, string BasicMaterialCode, int Quantity, string OrderId, ShopFreezeCause Cause, DateTimeOffset At);

public sealed record ShopStockReleased(string ShopCode, string BasicMaterialCode, int Quantity, string OrderId, ShopReleaseCause Cause, DateTimeOffset At);

public sealed record BranchStockFrozen(string BranchCode, string BasicMaterialCode, int Quantity, StockDocumentType DocumentType, string DocumentId, DateTimeOffset At);

public sealed record BranchStockReleased(string BranchCode, string BasicMaterialCode, int Quantity, StockDocumentType DocumentType, string DocumentId,
    BranchReleaseCause Cause, DateTimeOffset At);

public sealed record StockIssued(string BranchCode, string BasicMaterialCode, int Quantity, StockLedgerType LedgerType, string DocumentId, int OnHandAfter, DateTimeOffset At);

public sealed record StockReceived(string BranchCode, string BasicMaterialCode, int Quantity, StockLedgerType LedgerType, string DocumentId, int OnHandAfter, DateTimeOffset At);

public sealed record StockInTransitAdded(string BranchCode, string BasicMaterialCode, int Quantity, string PurchaseReceiptId, InTransitCause Cause, DateTimeOffset At);

public sealed record StockInTransitRemoved(string BranchCode, string BasicMaterialCode, int Quantity, string PurchaseReceiptId, InTransitCause Cause, DateTimeOffset At);

// ── purchase receipts (§2.15) ──

public sealed record PurchaseLine(string BasicMaterialCode, int Quantity);

public sealed record PurchaseReceiptCreated(string ReceiptId, string BranchCode, IReadOnlyList<PurchaseLine> Lines, DateTimeOffset At);

public sealed record PurchaseReceiptApproved(string ReceiptId, DateTimeOffset At);

public sealed record PurchaseReceiptReceived(string ReceiptId, IReadOnlyList<PurchaseLine> Lines, bool Final, DateTimeOffset At);

public sealed record PurchaseReceiptCancelled(string ReceiptId, IReadOnlyList<PurchaseLine> Outstanding, DateTimeOffset At);
