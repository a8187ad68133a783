// One module, the library itself: no sources of its own, only what the packages workflow puts in
// place before `gradle assembleRelease` (paths relative to this directory).
plugins {
    id("com.android.library") version "8.7.3"
    // The JVM jar's Kotlin version (jvm/pom.xml): both packages compile the generated code alike.
    id("org.jetbrains.kotlin.android") version "2.1.21"
}

android {
    namespace = "dev.helpdesk"
    compileSdk = 35

    defaultConfig {
        // Android 7.0, the oldest release the AAR supports (bindings-mobile/README.md says so); the
        // native libraries are linked for the same API level (`cargo ndk --platform 24`).
        minSdk = 24
        // Kept for apps that shrink their code with R8: JNA reaches classes by reflection.
        consumerProguardFiles("consumer-rules.pro")
    }

    // The API speaks java.time (Instant, Duration, LocalDate), which Android has from API 26: an
    // app whose minSdk is 24 or 25 enables core library desugaring, which rewrites these calls
    // when the app is dexed. Not enabled here: the AAR's metadata would then demand it of every
    // app, also of those whose minSdk is 26 or more and need none.
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].apply {
        // `make -C bindings-mobile kotlin-android`: packages dev.helpdesk and dev.helpdesk.core,
        // android = true (android.system.SystemCleaner from API 33, JNA's cleaner below).
        kotlin.srcDir("../../target/kotlin-android")
        // `cargo ndk -o bindings-mobile/target/android/jniLibs`: <abi>/libhelpdesk_mobile.so.
        jniLibs.srcDir("../target/android/jniLibs")
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    // JNA's Android build, with its own libjnidispatch.so per ABI: the generated Kotlin loads
    // libhelpdesk_mobile.so through it (the same JNA as the JVM jar's).
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    // @RequiresApi, in the generated cleaner.
    implementation("androidx.annotation:annotation:1.9.1")
}
