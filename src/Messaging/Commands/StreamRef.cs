namespace Cabinets.Messaging.Commands;

/// <summary>A stream a command decides on: its id and its stream type (e.g. <c>cabinet-M0012</c>, <c>cabinet</c>).</summary>
public sealed record StreamRef(string Id, string Type);
