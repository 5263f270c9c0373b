using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformMaturity.Config;

/// <summary>Where a YAML node's text ends, for edits that keep every other byte of a stack file in place.</summary>
public static class YamlNodeExtent
{
    /// <summary>
    /// Consumes one node and returns where its last content ends: after the last scalar, or after the closing
    /// bracket of a flow collection (block collections end with their last item, so a comment after it stays outside).
    /// </summary>
    public static long Skip(IParser parser)
    {
        var flow = new Stack<bool>();
        long end = 0;
        do
        {
            var next = parser.Consume<ParsingEvent>();
            switch (next)
            {
                case SequenceStart sequence:
                    flow.Push(sequence.Style == SequenceStyle.Flow);
                    break;
                case MappingStart mapping:
                    flow.Push(mapping.Style == MappingStyle.Flow);
                    break;
                case SequenceEnd or MappingEnd:
                    if (flow.Pop())
                        end = Math.Max(end, next.Start.Index + 1);
                    break;
                default:
                    end = Math.Max(end, next.End.Index);
                    break;
            }
        }
        while (flow.Count > 0);
        return end;
    }
}
