using Cabinets.Domain.Fulfillment.WriteBack;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

internal static class Formulas
{
    /// <summary>A formula the test knows to be valid; the parse error is the failure message otherwise.</summary>
    public static StockFormula F(string text)
    {
        var parse = StockFormula.Parse(text);
        parse.IsValid.ShouldBeTrue(parse.Error?.Message);
        return parse.Formula;
    }

    public static FormulaError Error(string text)
    {
        var parse = StockFormula.Parse(text);
        parse.IsValid.ShouldBeFalse($"`{text}` parsed as `{parse.Formula}`");
        return parse.Error;
    }
}
