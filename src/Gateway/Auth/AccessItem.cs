namespace Registry.Gateway.Auth;

/// <summary>
/// One action on one resource, as distribution's token scopes write it: <c>repository:library/alpine:pull</c>
/// or <c>registry:catalog:*</c>.
/// </summary>
internal readonly record struct AccessItem(string Type, string Name, string Action)
{
    public const string RepositoryType = "repository";
    public const string Pull = "pull";
    public const string Push = "push";
    public const string Delete = "delete";

    /// <summary>The access the catalog needs: <c>registry:catalog:*</c>.</summary>
    public static readonly AccessItem Catalog = new("registry", "catalog", "*");

    public static AccessItem Repository(string name, string action) => new(RepositoryType, name, action);

    public override string ToString() => $"{Type}:{Name}:{Action}";
}

/// <summary>Formats access items as the <c>scope</c> of a <c>WWW-Authenticate: Bearer</c> challenge.</summary>
internal static class Scope
{
    /// <summary>
    /// Formats one scope per resource with its actions joined by commas, the resources separated by
    /// spaces, in the order first seen: <c>repository:a:pull,push repository:b:pull</c>.
    /// </summary>
    public static string Grouped(IEnumerable<AccessItem> items)
    {
        var actionsByResource = new List<(string Type, string Name, List<string> Actions)>();
        foreach (var item in items)
        {
            var index = actionsByResource.FindIndex(entry => entry.Type == item.Type && entry.Name == item.Name);
            if (index < 0)
            {
                actionsByResource.Add((item.Type, item.Name, [item.Action]));
            }
            else if (!actionsByResource[index].Actions.Contains(item.Action))
            {
                actionsByResource[index].Actions.Add(item.Action);
            }
        }

        return string.Join(' ', actionsByResource.Select(entry => $"{entry.Type}:{entry.Name}:{string.Join(',', entry.Actions)}"));
    }

    /// <summary>Formats one scope per item, separated by spaces: <c>repository:a:pull repository:a:push</c>.</summary>
    public static string PerItem(IEnumerable<AccessItem> items) => string.Join(' ', items);
}
