using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

public sealed partial class Parser
{
    private OperationDefinitionNode ParseOperationDefinition()
    {
        var location = Current.Location;
        if (Current.Kind == TokenKind.BraceLeft)
        {
            return new OperationDefinitionNode(location, OperationType.Query, null, [], [], ParseSelectionSet());
        }

        var description = ParseDescription();
        var operation = ParseOperationType();
        var name = Current.Kind == TokenKind.Name ? ParseName() : null;
        var variables = Optional(TokenKind.ParenLeft, ParseVariableDefinition, TokenKind.ParenRight);
        var directives = ParseDirectives(isConst: false);
        return new OperationDefinitionNode(location, operation, name, variables, directives, ParseSelectionSet())
        {
            Description = description,
        };
    }

    private OperationType ParseOperationType()
    {
        var token = Expect(TokenKind.Name);
        return token.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = Skip(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        return new VariableDefinitionNode(location, variable, type, defaultValue, ParseDirectives(isConst: true))
        {
            Description = description,
        };
    }

    private VariableNode ParseVariable()
    {
        var location = Current.Location;
        Expect(TokenKind.Dollar);
        return new VariableNode(location, ParseName());
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var location = Current.Location;
        EnterNesting();
        var selections = Many(TokenKind.BraceLeft, ParseSelection, TokenKind.BraceRight);
        LeaveNesting();
        return new SelectionSetNode(location, selections);
    }

    private SelectionNode ParseSelection() =>
        Current.Kind == TokenKind.Spread ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var location = Current.Location;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        var name = nameOrAlias;
        if (Skip(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
            if (++_aliases > _options.MaxAliases)
            {
                throw new SyntaxError(
                    $"Document contains more than {_options.MaxAliases} aliases.", alias.Location, ErrorCodes.MaxAliasesExceeded);
            }
        }

        if (++_fields > _options.MaxFields)
        {
            throw new SyntaxError(
                $"Document contains more than {_options.MaxFields} fields.", location, ErrorCodes.MaxFieldsExceeded);
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Current.Kind == TokenKind.BraceLeft ? ParseSelectionSet() : null;
        return new FieldNode(location, alias, name, arguments, directives, selectionSet);
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst) =>
        Optional(TokenKind.ParenLeft, () => ParseArgument(isConst), TokenKind.ParenRight);

    private ArgumentNode ParseArgument(bool isConst)
    {
        var location = Current.Location;
        var name = ParseName();
        Expect(TokenKind.Colon);
        return new ArgumentNode(location, name, ParseValueLiteral(isConst));
    }

    // "..." then either a fragment name (spread) or "on Type" / directives / selection set (inline).
    private SelectionNode ParseFragment()
    {
        var location = Current.Location;
        Expect(TokenKind.Spread);
        var hasTypeCondition = Current.Kind == TokenKind.Name && Current.Value == "on";
        if (!hasTypeCondition && Current.Kind == TokenKind.Name)
        {
            return new FragmentSpreadNode(location, ParseName(), ParseDirectives(isConst: false));
        }

        NamedTypeNode? typeCondition = null;
        if (hasTypeCondition)
        {
            Advance();
            typeCondition = ParseNamedType();
        }

        return new InlineFragmentNode(location, typeCondition, ParseDirectives(isConst: false), ParseSelectionSet());
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var location = Current.Location;
        var description = ParseDescription();
        ExpectKeyword("fragment");
        if (Current.Kind == TokenKind.Name && Current.Value == "on")
        {
            throw Unexpected();
        }

        var name = ParseName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        return new FragmentDefinitionNode(location, name, typeCondition, ParseDirectives(isConst: false), ParseSelectionSet())
        {
            Description = description,
        };
    }

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (Current.Kind != TokenKind.At)
        {
            return [];
        }

        var directives = new List<DirectiveNode>();
        while (Current.Kind == TokenKind.At)
        {
            var location = Current.Location;
            Advance();
            directives.Add(new DirectiveNode(location, ParseName(), ParseArguments(isConst)));
        }

        return directives;
    }

    private TypeNode ParseTypeReference()
    {
        var location = Current.Location;
        TypeNode type;
        if (Skip(TokenKind.BracketLeft))
        {
            EnterNesting();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketRight);
            LeaveNesting();
            type = new ListTypeNode(location, inner);
        }
        else
        {
            type = ParseNamedType();
        }

        return Skip(TokenKind.Bang) ? new NonNullTypeNode(location, type) : type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var location = Current.Location;
        return new NamedTypeNode(location, ParseName());
    }
}
