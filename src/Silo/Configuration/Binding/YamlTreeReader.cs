using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Reads YAML text into a <see cref="ConfigNode"/> tree with YamlDotNet's event parser, keeping the
/// line of every key and value.
/// </summary>
/// <remarks>
/// The tree is built from parser events rather than YamlDotNet's <c>YamlStream</c>, because
/// distribution's YAML library (go-yaml v2) lets a later duplicate key replace an earlier one, and
/// distribution's own example configuration repeats <c>middleware.storage</c>. A duplicate key is
/// therefore a warning here, and the later value is used. Aliases are copied, so an environment
/// override of one use of an anchor does not change the others.
/// </remarks>
internal sealed class YamlTreeReader
{
    private readonly IParser _parser;
    private readonly string _source;
    private readonly bool _withLines;
    private readonly List<ConfigurationMessage> _warnings;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);

    private YamlTreeReader(string yaml, string source, bool withLines, List<ConfigurationMessage> warnings)
    {
        _parser = new Parser(new StringReader(yaml));
        _source = source;
        _withLines = withLines;
        _warnings = warnings;
    }

    /// <summary>
    /// Reads the first document of <paramref name="yaml"/> and returns null for a document with no content.
    /// Invalid YAML raises <see cref="ConfigurationException"/> with the source and line. Without
    /// <paramref name="withLines"/> (an environment variable's value), origins name the source alone.
    /// </summary>
    public static ConfigNode? Read(string yaml, string source, List<ConfigurationMessage> warnings, bool withLines = true)
    {
        try
        {
            return new YamlTreeReader(yaml, source, withLines, warnings).ReadStream();
        }
        catch (YamlException exception)
        {
            var origin = new ConfigOrigin(source, withLines ? (int)exception.Start.Line : 0);
            throw new ConfigurationException($"{origin}: invalid YAML: {exception.Message}");
        }
    }

    private ConfigNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (!_parser.TryConsume<DocumentStart>(out _))
        {
            return null;
        }

        var root = ReadNode();
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var next))
        {
            _warnings.Add(new(Origin(next.Start).ToString(), "only the first YAML document is read; the documents after it are ignored"));
        }

        return root is ConfigScalar { Value: null } ? null : root;
    }

    private ConfigNode ReadNode()
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                ? Copy(anchored)
                : throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor");
        }

        ConfigNode node;
        AnchorName anchor;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new ConfigScalar(IsNull(scalar) ? null : scalar.Value, Origin(scalar.Start));
        }
        else if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor;
            node = ReadSequence(Origin(sequenceStart.Start));
        }
        else
        {
            var mappingStart = _parser.Consume<MappingStart>();
            anchor = mappingStart.Anchor;
            node = ReadMapping(Origin(mappingStart.Start));
        }

        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }

    private ConfigSequence ReadSequence(ConfigOrigin origin)
    {
        var sequence = new ConfigSequence(origin);
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            sequence.Items.Add(ReadNode());
        }

        return sequence;
    }

    private ConfigMapping ReadMapping(ConfigOrigin origin)
    {
        var mapping = new ConfigMapping(origin);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current;
            if (!_parser.TryConsume<Scalar>(out var key))
            {
                throw new YamlException(keyEvent!.Start, keyEvent.End, "a mapping key must be plain text, not a list or a mapping");
            }

            var keyOrigin = Origin(key.Start);
            var value = ReadNode();
            if (mapping.Find(key.Value) is not null)
            {
                _warnings.Add(new(keyOrigin.ToString(), $"key '{key.Value}' appears twice in the same mapping; the later value is used"));
            }

            mapping.Set(key.Value, keyOrigin, value);
        }

        return mapping;
    }

    private ConfigOrigin Origin(Mark mark) => new(_source, _withLines ? (int)mark.Line : 0);

    // YAML 1.1 and go-yaml v2 read an empty plain value, ~ and null as null. A quoted value is text.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static ConfigNode Copy(ConfigNode node)
    {
        switch (node)
        {
            case ConfigSequence sequence:
                var sequenceCopy = new ConfigSequence(sequence.Origin);
                sequenceCopy.Items.AddRange(sequence.Items.Select(Copy));
                return sequenceCopy;
            case ConfigMapping mapping:
                var mappingCopy = new ConfigMapping(mapping.Origin);
                foreach (var entry in mapping.Entries)
                {
                    mappingCopy.Set(entry.Key, entry.KeyOrigin, Copy(entry.Value));
                }

                return mappingCopy;
            default:
                return node;
        }
    }
}
