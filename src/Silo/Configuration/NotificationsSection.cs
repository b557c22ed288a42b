using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>notifications</c> section: webhooks that receive registry events.</summary>
public sealed class NotificationsSection
{
    /// <summary><c>notifications.events</c>: what each event carries.</summary>
    [ConfigKey("events")]
    public NotificationEventsSection Events { get; set; } = new();

    /// <summary><c>notifications.endpoints</c>: the webhooks. Default none.</summary>
    [ConfigKey("endpoints")]
    public List<NotificationEndpoint> Endpoints { get; set; } = [];
}

/// <summary>The <c>notifications.events</c> section.</summary>
public sealed class NotificationEventsSection
{
    /// <summary><c>includereferences</c>: whether manifest events list the manifest's references. Default false.</summary>
    [ConfigKey("includereferences")]
    public bool IncludeReferences { get; set; }
}

/// <summary>One entry of <c>notifications.endpoints</c>, in which <c>name</c> and <c>url</c> are required.</summary>
public sealed class NotificationEndpoint : IValidatedSection
{
    /// <summary>The event actions distribution sends, which <c>ignore.actions</c> may list.</summary>
    public static readonly IReadOnlyList<string> KnownActions = ["pull", "push", "mount", "delete"];

    /// <summary><c>name</c>: the endpoint's name in logs and metrics.</summary>
    [ConfigKey("name")]
    public string Name { get; set; } = "";

    /// <summary><c>disabled</c>: whether no events are sent to it. Default false.</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }

    /// <summary><c>url</c>: the http or https URL events are posted to.</summary>
    [ConfigKey("url")]
    public string Url { get; set; } = "";

    /// <summary><c>headers</c>: headers added to each request, each a name and a list of values.</summary>
    [ConfigKey("headers")]
    public Dictionary<string, List<string>> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>timeout</c>: the HTTP timeout of one delivery, as a Go duration. Zero (unset) leaves it to the notifier.</summary>
    [ConfigKey("timeout")]
    public TimeSpan Timeout { get; set; }

    /// <summary><c>threshold</c>: failures in a row before the endpoint backs off. Zero (unset) leaves it to the notifier.</summary>
    [ConfigKey("threshold")]
    public int Threshold { get; set; }

    /// <summary><c>backoff</c>: how long to wait after the threshold is reached, as a Go duration. Zero (unset) leaves it to the notifier.</summary>
    [ConfigKey("backoff")]
    public TimeSpan Backoff { get; set; }

    /// <summary><c>ignoredmediatypes</c>: target media types whose events are not sent.</summary>
    [ConfigKey("ignoredmediatypes")]
    public List<string> IgnoredMediaTypes { get; set; } = [];

    /// <summary><c>ignore</c>: media types and actions whose events are not sent.</summary>
    [ConfigKey("ignore")]
    public NotificationIgnoreSection Ignore { get; set; } = new();

    void IValidatedSection.Validate(ValidationContext context)
    {
        const string requirement = "a notification endpoint needs name and url";
        context.RequireText(this, "name", Name, requirement);
        context.RequireText(this, "url", Url, requirement);
        if (!HttpSection.IsHttpUrl(Url))
        {
            throw context.Invalid(this, "url", "must be an absolute http or https URL");
        }

        if (context.IsSet(this, "timeout") && Timeout <= TimeSpan.Zero)
        {
            throw context.Invalid(this, "timeout", "must be a positive duration such as 1s");
        }

        if (context.IsSet(this, "backoff") && Backoff <= TimeSpan.Zero)
        {
            throw context.Invalid(this, "backoff", "must be a positive duration such as 1s");
        }

        if (Threshold < 0)
        {
            throw context.Invalid(this, "threshold", "must not be negative");
        }

        HttpSection.ValidateHeaders(context, this, "headers", Headers);
        for (var index = 0; index < Ignore.Actions.Count; index++)
        {
            if (!KnownActions.Contains(Ignore.Actions[index]))
            {
                throw context.Invalid(Ignore, $"actions[{index}]", "must be one of " + string.Join(", ", KnownActions));
            }
        }
    }
}

/// <summary>The <c>ignore</c> section of a notification endpoint.</summary>
public sealed class NotificationIgnoreSection
{
    /// <summary><c>mediatypes</c>: target media types whose events are not sent.</summary>
    [ConfigKey("mediatypes")]
    public List<string> MediaTypes { get; set; } = [];

    /// <summary><c>actions</c>: actions (pull, push, mount, delete) whose events are not sent.</summary>
    [ConfigKey("actions")]
    public List<string> Actions { get; set; } = [];
}
