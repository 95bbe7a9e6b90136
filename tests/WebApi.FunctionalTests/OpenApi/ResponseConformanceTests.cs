using System.Text;
using System.Text.Json.Nodes;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

namespace TaskOrchestration.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// The response check that every functional test's answers go through, against small hand-written documents: it
/// finds each rule of the document that an answer breaks, and only those.
/// </summary>
public sealed class ResponseConformanceTests
{
    private const string Document30 = """
        {
          "openapi": "3.0.4",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/things/{id}": {
              "get": {
                "operationId": "GetThing",
                "responses": {
                  "200": {
                    "description": "OK",
                    "headers": { "ETag": { "required": true, "schema": { "type": "string" } } },
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } }
                  },
                  "404": { "$ref": "#/components/responses/Problem" }
                }
              },
              "delete": {
                "operationId": "DeleteThing",
                "responses": {
                  "204": { "description": "No Content" },
                  "default": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/things/mine": {
              "get": {
                "operationId": "GetMyThings",
                "responses": {
                  "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" } } } } }
                }
              }
            }
          },
          "components": {
            "responses": {
              "Problem": { "description": "A problem", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
            },
            "schemas": {
              "Thing": {
                "type": "object",
                "required": ["id", "name", "note", "size"],
                "additionalProperties": false,
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "name": { "type": "string" },
                  "note": { "type": "string", "nullable": true },
                  "size": { "type": "integer", "format": "int32" },
                  "kind": { "oneOf": [ { "enum": [null], "nullable": true }, { "$ref": "#/components/schemas/Kind" } ] },
                  "extra": { "oneOf": [ { "enum": [null], "nullable": true }, { "$ref": "#/components/schemas/AnyValue" } ] },
                  "size2": { "nullable": true, "oneOf": [ { "$ref": "#/components/schemas/Kind" } ] }
                }
              },
              "Kind": { "type": "string", "enum": ["small", "large"] },
              "AnyValue": {},
              "Problem": {
                "type": "object",
                "required": ["title", "detail", "code"],
                "properties": { "title": { "type": "string", "nullable": true }, "detail": { "type": "string", "nullable": true }, "code": { "type": "string" } }
              }
            }
          }
        }
        """;

    private const string Thing = """{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3}""";

    private static readonly HashSet<string> WithETag = new(["ETag", "Content-Type"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void AnAnswerAsDocumented_Conforms()
    {
        var report = Check(Document30, "GET", "/things/8f14e45f", 200, Thing, WithETag);

        Assert.True(report.Conforms, report.ToString());
    }

    [Fact]
    public void AMissingRequiredMember_IsNamedWithTheOperationStatusPointerAndRule()
    {
        var report = Check(Document30, "GET", "/things/1", 404, """{"title":"Not Found","code":"not_found"}""", contentType: "application/problem+json");

        var violation = Assert.Single(report.Violations);
        Assert.Contains("body at '/': required", violation, StringComparison.Ordinal);
        Assert.Contains("detail", violation, StringComparison.Ordinal);
        Assert.Contains("#/components/schemas/Problem/required", violation, StringComparison.Ordinal);
        Assert.Contains("GET /things/{id} (GetThing) answered 404", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongTypeOrFormat_IsNamedByItsPointer()
    {
        var report = Check(Document30, "GET", "/things/mine", 200, """[{"id":"not-a-uuid","name":"a","note":null,"size":3}, {"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":7,"note":null,"size":3000000000}]""");

        Assert.Contains(report.Violations, violation => violation.StartsWith("body at '/0/id': format", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.StartsWith("body at '/1/name': type", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.StartsWith("body at '/1/size': format", StringComparison.Ordinal));
        Assert.Equal(3, report.Violations.Count);
    }

    [Fact]
    public void OpenApi30Nullable_AdmitsNullWhereTheDocumentSaysSo_AndNowhereElse()
    {
        var nullNote = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"kind":null}]""");
        var nullName = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":null,"note":null,"size":3,"kind":"small"}]""");
        var badKind = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"kind":"huge"}]""");

        Assert.True(nullNote.Conforms, nullNote.ToString());
        Assert.Contains(nullName.Violations, violation => violation.StartsWith("body at '/0/name': type", StringComparison.Ordinal));
        Assert.Contains(badKind.Violations, violation => violation.StartsWith("body at '/0/kind'", StringComparison.Ordinal));
    }

    [Fact]
    public void OpenApi30NullableBesideAOneOf_AdmitsNullToo_AsItsGeneratorMeansIt()
    {
        var nullSize = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"size2":null}]""");
        var badSize = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"size2":"huge"}]""");

        Assert.True(nullSize.Conforms, nullSize.ToString());
        Assert.Contains(badSize.Violations, violation => violation.StartsWith("body at '/0/size2'", StringComparison.Ordinal));
    }

    [Fact]
    public void OpenApi31TypeArrays_AdmitNullOnlyWhereTheyNameIt()
    {
        const string document31 = """
            {
              "openapi": "3.1.0",
              "info": { "title": "t", "version": "1" },
              "paths": { "/things/{id}": { "get": { "operationId": "GetThing", "responses": { "200": { "description": "OK",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } } } } },
              "components": { "schemas": { "Thing": { "type": "object", "required": ["name", "note"],
                "properties": { "name": { "type": "string" }, "note": { "type": ["string", "null"] } } } } }
            }
            """;

        Assert.True(Check(document31, "GET", "/things/1", 200, """{"name":"a","note":null}""").Conforms);
        var report = Check(document31, "GET", "/things/1", 200, """{"name":null,"note":"n"}""");
        Assert.StartsWith("body at '/name': type", Assert.Single(report.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void AStatusTheOperationDoesNotDocument_IsAViolation_UnlessItHasADefault()
    {
        var undocumented = Check(Document30, "GET", "/things/1", 401, """{"title":"t","detail":"d","code":"unauthorized"}""", contentType: "application/problem+json");
        var byDefault = Check(Document30, "DELETE", "/things/1", 401, """{"title":"t","detail":"d","code":"unauthorized"}""", contentType: "application/problem+json");

        Assert.StartsWith("status 401 is not documented", Assert.Single(undocumented.Violations), StringComparison.Ordinal);
        Assert.True(byDefault.Conforms, byDefault.ToString());
    }

    [Fact]
    public void AnUndocumentedMediaType_IsAViolation()
    {
        var report = Check(Document30, "GET", "/things/1", 200, "hello", WithETag, "text/plain");

        Assert.StartsWith("content type: the answer is 'text/plain'", Assert.Single(report.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndocumentedPathOrMethod_MayOnlyBeRefused_With4xx()
    {
        Assert.StartsWith("no path of the document matches /elsewhere, yet the API answered 200", Assert.Single(Check(Document30, "GET", "/elsewhere", 200, Thing, WithETag).Violations), StringComparison.Ordinal);
        Assert.StartsWith("the document has no PUT operation on /things/{id}, yet the API answered 200", Assert.Single(Check(Document30, "PUT", "/things/1", 200, Thing, WithETag).Violations), StringComparison.Ordinal);
        Assert.StartsWith("no path of the document matches /elsewhere, yet the API answered 500", Assert.Single(Check(Document30, "GET", "/elsewhere", 500, """{"title":"t"}""", contentType: "application/problem+json").Violations), StringComparison.Ordinal);
        Assert.True(Check(Document30, "GET", "/elsewhere", 404, """{"title":"Not Found"}""", contentType: "application/problem+json").Conforms);
        Assert.True(Check(Document30, "PUT", "/things/1", 405, """{"title":"Method Not Allowed"}""", contentType: "application/problem+json").Conforms);
        Assert.True(Check(Document30, "POST", "/things//take", 401, """{"title":"Unauthorized"}""", contentType: "application/problem+json").Conforms);
    }

    [Fact]
    public void AOneOfThatTwoBranchesMatch_IsAViolation_OnlyThere()
    {
        // null matches both branches of 'extra' (AnyValue admits anything); 'kind' null matches one, 'extra' "x" one.
        var twice = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"kind":null,"extra":null}]""");
        var once = Check(Document30, "GET", "/things/mine", 200, """[{"id":"8f14e45f-ceea-467a-9d5a-6d5e3f0b1c2d","name":"a","note":null,"size":3,"kind":null,"extra":"x"}]""");

        Assert.Equal(
            "body at '/0/extra': oneOf: the value matches 2 of its subschemas, where oneOf allows exactly one (rule #/components/schemas/Thing/properties/extra/oneOf)",
            Assert.Single(twice.Violations));
        Assert.True(once.Conforms, once.ToString());
    }

    [Fact]
    public void TheMostLiteralPathTemplate_IsTheOneChecked()
    {
        // /things/mine answers an array; checked as /things/{id} it would break that operation's object schema.
        var report = Check(Document30, "GET", "/things/mine", 200, $"[{Thing}]");

        Assert.True(report.Conforms, report.ToString());
        Assert.StartsWith("GET /things/mine (GetMyThings)", report.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequiredHeaderLeftOut_IsAViolation()
    {
        var report = Check(Document30, "GET", "/things/1", 200, Thing);

        Assert.Equal("header ETag: required, and missing", Assert.Single(report.Violations));
    }

    [Fact]
    public void ABodyWhereTheDocumentDeclaresNone_OrNoneWhereItDeclaresOne_IsAViolation()
    {
        Assert.StartsWith("body: the document declares none", Assert.Single(Check(Document30, "DELETE", "/things/1", 204, "{}").Violations), StringComparison.Ordinal);
        Assert.StartsWith("body: the document declares application/json", Assert.Single(Check(Document30, "GET", "/things/1", 200, string.Empty, WithETag).Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void AKnownDocumentFault_SkipsExactlyItsRule()
    {
        var faults = new[]
        {
            new KnownDocumentFault("#/components/schemas/Problem/required", "The problem's detail is optional.", OperationId: "GetThing", Status: 404),
            new KnownDocumentFault("/responses/401", "Every operation may answer 401."),
        };
        var conformance = new ResponseConformance(JsonNode.Parse(Document30)!.AsObject(), faults);

        var skipped = conformance.Check(Answer("GET", "/things/1", 404, """{"title":"t","code":"not_found"}""", contentType: "application/problem+json"));
        var stillChecked = conformance.Check(Answer("GET", "/things/1", 404, """{"title":"t","code":7}""", contentType: "application/problem+json"));
        var otherOperation = conformance.Check(Answer("DELETE", "/things/1", 404, """{"title":"t","code":"not_found"}""", contentType: "application/problem+json"));
        var undocumentedStatus = conformance.Check(Answer("GET", "/things/1", 401, """{"title":"t","detail":"d","code":"unauthorized"}""", contentType: "application/problem+json"));
        var otherStatus = conformance.Check(Answer("GET", "/things/1", 403, """{"title":"t","detail":"d","code":"forbidden"}""", contentType: "application/problem+json"));

        Assert.True(skipped.Conforms, skipped.ToString());
        Assert.StartsWith("body at '/code': type", Assert.Single(stillChecked.Violations), StringComparison.Ordinal);
        Assert.False(otherOperation.Conforms);
        Assert.True(undocumentedStatus.Conforms, undocumentedStatus.ToString());
        Assert.StartsWith("status 403 is not documented", Assert.Single(otherStatus.Violations), StringComparison.Ordinal);
    }

    private static ConformanceReport Check(string document, string method, string path, int status, string body, IReadOnlySet<string>? headers = null, string contentType = "application/json") =>
        new ResponseConformance(JsonNode.Parse(document)!.AsObject()).Check(Answer(method, path, status, body, headers, contentType));

    private static ObservedResponse Answer(string method, string path, int status, string body, IReadOnlySet<string>? headers = null, string contentType = "application/json") =>
        new(method, path, status, body.Length == 0 ? null : contentType + "; charset=utf-8", headers ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body));
}
