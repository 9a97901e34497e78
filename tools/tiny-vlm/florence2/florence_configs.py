"""config.json, generation_config.json and preprocessor_config.json with the keys of
onnx-community/Florence-2-base-ft, sized down to the tiny model in model.py."""
import model as m
import tokenizer as tok

# Florence-2's own task table (processor reads it from preprocessor_config.json in transformers.js).
TASK_PROMPTS = {
    'tasks_answer_post_processing_type': {
        '<OCR>': 'pure_text',
        '<OCR_WITH_REGION>': 'ocr',
        '<CAPTION>': 'pure_text',
        '<DETAILED_CAPTION>': 'pure_text',
        '<MORE_DETAILED_CAPTION>': 'pure_text',
        '<OD>': 'description_with_bboxes',
        '<DENSE_REGION_CAPTION>': 'description_with_bboxes',
        '<CAPTION_TO_PHRASE_GROUNDING>': 'phrase_grounding',
        '<REFERRING_EXPRESSION_SEGMENTATION>': 'polygons',
        '<REGION_TO_SEGMENTATION>': 'polygons',
        '<OPEN_VOCABULARY_DETECTION>': 'description_with_bboxes_or_polygons',
        '<REGION_TO_CATEGORY>': 'pure_text',
        '<REGION_TO_DESCRIPTION>': 'pure_text',
        '<REGION_TO_OCR>': 'pure_text',
        '<REGION_PROPOSAL>': 'bboxes',
    },
    'task_prompts_without_inputs': {
        '<OCR>': 'What is the text in the image?',
        '<OCR_WITH_REGION>': 'What is the text in the image, with regions?',
        '<CAPTION>': 'What does the image describe?',
        '<DETAILED_CAPTION>': 'Describe in detail what is shown in the image.',
        '<MORE_DETAILED_CAPTION>': 'Describe with a paragraph what is shown in the image.',
        '<OD>': 'Locate the objects with category name in the image.',
        '<DENSE_REGION_CAPTION>': 'Locate the objects in the image, with their descriptions.',
        '<REGION_PROPOSAL>': 'Locate the region proposals in the image.',
    },
    'task_prompts_with_input': {
        '<CAPTION_TO_PHRASE_GROUNDING>': 'Locate the phrases in the caption: {input}',
        '<REFERRING_EXPRESSION_SEGMENTATION>': 'Locate {input} in the image with mask',
        '<REGION_TO_SEGMENTATION>': 'What is the polygon mask of region {input}',
        '<OPEN_VOCABULARY_DETECTION>': 'Locate {input} in the image.',
        '<REGION_TO_CATEGORY>': 'What is the region {input}?',
        '<REGION_TO_DESCRIPTION>': 'What is the region {input}?',
        '<REGION_TO_OCR>': 'What text is in the region {input}?',
    },
}

IDS = {'bos_token_id': tok.BOS, 'eos_token_id': tok.EOS, 'pad_token_id': tok.PAD}


def text_config(vocab_size):
    return {
        'model_type': 'florence2_language', 'vocab_size': vocab_size, 'd_model': m.D_MODEL,
        'encoder_layers': m.ENCODER_LAYERS, 'decoder_layers': m.DECODER_LAYERS,
        'encoder_attention_heads': m.HEADS, 'decoder_attention_heads': m.HEADS,
        'encoder_ffn_dim': m.FFN, 'decoder_ffn_dim': m.FFN, 'num_hidden_layers': m.ENCODER_LAYERS,
        'max_position_embeddings': m.MAX_POSITIONS, 'activation_function': 'gelu', 'scale_embedding': False,
        'normalize_before': False, 'add_final_layer_norm': False, 'add_bias_logits': False,
        'is_encoder_decoder': True, 'tie_word_embeddings': False, 'use_cache': True, 'init_std': 0.02,
        'decoder_start_token_id': tok.EOS, 'forced_bos_token_id': tok.BOS, 'forced_eos_token_id': tok.EOS,
        'no_repeat_ngram_size': 3, 'num_beams': 3, 'early_stopping': True, 'max_length': 20, **IDS,
    }


def vision_config():
    if m.DAVIT:
        d = m.DAVIT
        return {
            'model_type': 'davit', 'depths': d['depths'], 'dim_embed': d['dims'], 'num_heads': d['heads'],
            'num_groups': d['groups'], 'patch_size': d['patch_size'], 'patch_stride': d['patch_stride'],
            'patch_padding': d['patch_padding'], 'patch_prenorm': d['patch_prenorm'], 'window_size': d['window'],
            'projection_dim': m.D_MODEL, 'drop_path_rate': 0.1, 'enable_checkpoint': False,
            'image_feature_source': ['spatial_avg_pool', 'temporal_avg_pool'],
            'image_pos_embed': {'type': 'learned_abs_2d', 'max_pos_embeddings': 50},
            'visual_temporal_embedding': {'type': 'COSINE', 'max_temporal_embeddings': 100},
        }
    return {
        'model_type': '', 'depths': [1], 'dim_embed': [m.D_MODEL], 'num_heads': [m.HEADS], 'num_groups': [m.HEADS],
        'patch_size': [m.PATCH], 'patch_stride': [m.PATCH], 'patch_padding': [0], 'patch_prenorm': [False],
        'window_size': m.GRID, 'projection_dim': m.D_MODEL,
        'image_feature_source': ['spatial_avg_pool', 'temporal_avg_pool'],
        'image_pos_embed': {'type': 'learned_abs_2d', 'max_pos_embeddings': m.GRID},
        'visual_temporal_embedding': {'type': 'COSINE', 'max_temporal_embeddings': 100},
    }


def config_json(vocab_size):
    return {
        '_name_or_path': 'altscribe/bench-florence2-base' if m.DAVIT else 'altscribe/tiny-florence2',
        'architectures': ['Florence2ForConditionalGeneration'],
        'model_type': 'florence2',
        'is_encoder_decoder': True,
        'ignore_index': -100,
        'num_image_tokens': m.NUM_IMAGE_TOKENS,
        'projection_dim': m.D_MODEL,
        'vocab_size': vocab_size,
        'use_cache': True,
        **IDS,
        'text_config': text_config(vocab_size),
        'vision_config': vision_config(),
        'transformers_version': '4.42.0.dev0',
    }


def generation_config_json():
    return {'_from_model_config': True, **IDS, 'decoder_start_token_id': tok.EOS, 'early_stopping': True,
            'forced_bos_token_id': tok.BOS, 'forced_eos_token_id': tok.EOS, 'no_repeat_ngram_size': 3,
            'num_beams': 3, 'transformers_version': '4.42.0.dev0'}


def preprocessor_config_json():
    size = {'height': m.IMAGE_SIZE, 'width': m.IMAGE_SIZE}
    return {
        'processor_class': 'Florence2Processor', 'image_processor_type': 'CLIPImageProcessor',
        'auto_map': {'AutoProcessor': 'processing_florence2.Florence2Processor'},
        'do_resize': True, 'size': size, 'resample': 3, 'do_center_crop': False, 'crop_size': size,
        'do_rescale': True, 'rescale_factor': 1 / 255, 'do_normalize': True,
        'image_mean': [0.485, 0.456, 0.406], 'image_std': [0.229, 0.224, 0.225], 'do_convert_rgb': None,
        'image_seq_length': m.NUM_IMAGE_TOKENS,
        **TASK_PROMPTS,
    }
