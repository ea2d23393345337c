import VliegwielCore

/// Builds arrangements for tests from codes, so that each test states only what it is about.
public enum TestProfiles {
    /// A profile with every dimension stated by the first code of its vocabulary (or a
    /// valid format value), each with a marked test quote.
    public static var fullyStated: Profile {
        var profile = Profile.unstated
        for dimension in ProfileDimension.all {
            let code = dimension.vocabulary?.first?.code ?? (dimension.id.hasSuffix("looptijd") ? "1-4" : "50")
            profile = try! dimension.setting([code], in: profile, quote: "testcitaat", citation: "test")
        }
        return profile
    }

    /// `profile` with the named dimensions set to the given codes.
    public static func setting(_ changes: [String: [String]], in profile: Profile = fullyStated) -> Profile {
        var result = profile
        for (name, codes) in changes {
            result = try! ProfileDimension.named(name)!.setting(
                codes, in: result, quote: "testcitaat", citation: "test")
        }
        return result
    }

    public static func arrangement(
        _ id: String, kind: ArrangementKind = .practice, variant: String = "regio-deal",
        profile: Profile = fullyStated
    ) -> Arrangement {
        Arrangement(
            id: id, name: "Test \(id)", family: .deal, kind: kind, variantID: kind == .reference ? id : variant,
            sources: [SourceReference(title: "Fictief testvoorbeeld", locator: "")], profile: profile)
    }
}
