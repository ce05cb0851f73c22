using System.Text;
using System.Text.Json;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// Finds where broken JSON breaks: the JSON path of the value being read and the line and
/// byte, by reading the tokens until the reader fails (JsonDocument reports only "$").
/// </summary>
public static class JsonSyntaxLocator
{
    public static (string Path, long Line, long Byte, string Message) Locate(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions());
        // Per open container: its property name or next array index.
        var stack = new List<(bool IsArray, string Name, int Index)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Enter(stack, ref property);
                        stack.Add((reader.TokenType == JsonTokenType.StartArray, "", 0));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        Advance(stack);
                        property = null;
                        break;
                    default:
                        Advance(stack);
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return (PathOf(stack, property), (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, e.Message);
        }

        return ("$", 0, 0, "");
    }

    // Entering a container: remember which member of its parent it is.
    private static void Enter(List<(bool IsArray, string Name, int Index)> stack, ref string? property)
    {
        if (stack.Count > 0 && !stack[^1].IsArray)
            stack[^1] = (false, property ?? "", 0);
        property = null;
    }

    private static void Advance(List<(bool IsArray, string Name, int Index)> stack)
    {
        if (stack.Count > 0 && stack[^1].IsArray)
            stack[^1] = (true, "", stack[^1].Index + 1);
    }

    private static string PathOf(List<(bool IsArray, string Name, int Index)> stack, string? property)
    {
        var path = new StringBuilder("$");
        for (int i = 0; i < stack.Count; i++)
        {
            var (isArray, name, index) = stack[i];
            if (isArray)
                path.Append('[').Append(index).Append(']');
            else if (i < stack.Count - 1)
                path.Append('.').Append(name);
            else if (property != null)
                path.Append('.').Append(property);
        }

        return path.ToString();
    }
}
