using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

public sealed partial class Parser
{
    /// <summary>Value literal; <paramref name="isConst"/> forbids variables (default values, SDL).</summary>
    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.BracketLeft:
                return ParseList(isConst);
            case TokenKind.BraceLeft:
                return ParseObject(isConst);
            case TokenKind.Int:
                Advance();
                return new IntValueNode(token.Location, token.Value!);
            case TokenKind.Float:
                Advance();
                return new FloatValueNode(token.Location, token.Value!);
            case TokenKind.String or TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode(token.Location, true),
                    "false" => new BooleanValueNode(token.Location, false),
                    "null" => new NullValueNode(token.Location),
                    _ => new EnumValueNode(token.Location, token.Value!),
                };
            case TokenKind.Dollar when !isConst:
                return ParseVariable();
            case TokenKind.Dollar:
                var name = _lexer.Peek();
                throw new SyntaxError(
                    name.Kind == TokenKind.Name ? $"Unexpected variable \"${name.Value}\" in constant value." : $"Unexpected {token}.",
                    token.Location);
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = Current;
        Advance();
        return new StringValueNode(token.Location, token.Value!, token.Kind == TokenKind.BlockString);
    }

    private ListValueNode ParseList(bool isConst)
    {
        var location = Current.Location;
        EnterNesting();
        Expect(TokenKind.BracketLeft);
        var values = new List<ValueNode>();
        while (!Skip(TokenKind.BracketRight))
        {
            values.Add(ParseValueLiteral(isConst));
        }

        LeaveNesting();
        return new ListValueNode(location, values);
    }

    private ObjectValueNode ParseObject(bool isConst)
    {
        var location = Current.Location;
        EnterNesting();
        Expect(TokenKind.BraceLeft);
        var fields = new List<ObjectFieldNode>();
        while (!Skip(TokenKind.BraceRight))
        {
            var fieldLocation = Current.Location;
            var name = ParseName();
            Expect(TokenKind.Colon);
            fields.Add(new ObjectFieldNode(fieldLocation, name, ParseValueLiteral(isConst)));
        }

        LeaveNesting();
        return new ObjectValueNode(location, fields);
    }
}
